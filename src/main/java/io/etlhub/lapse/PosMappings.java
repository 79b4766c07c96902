package io.etlhub.lapse;

import io.etlhub.connector.MappingCatalog;
import org.springframework.stereotype.Component;

/** POS mappings of mappings/, typed and checked (the file is named in every error). */
@Component
class PosMappings {
    private final MappingCatalog mappings;

    PosMappings(MappingCatalog mappings) {
        this.mappings = mappings;
    }

    PosSaleMapping get(String id) {
        return mappings.read(id, PosSaleMapping.class).checked(mappings.file(id).toString());
    }
}
