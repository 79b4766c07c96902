package io.etlhub.lapse;

import io.etlhub.connector.MappingCatalog;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * POS mappings of mappings/, typed and checked (the file is named in every error). Each CDC change
 * needs its mapping: a file is read again only when it changed (admins edit mappings while the hub runs).
 */
@Component
class PosMappings {
    private final MappingCatalog mappings;
    private final Map<String, Read> read = new ConcurrentHashMap<>();

    private record Read(PosSaleMapping mapping, FileTime modified) {}

    PosMappings(MappingCatalog mappings) {
        this.mappings = mappings;
    }

    PosSaleMapping get(String id) {
        Path file = mappings.file(id);
        FileTime modified = modified(file);
        Read r = read.get(id);
        if (r == null || !r.modified().equals(modified)) {
            r = new Read(mappings.read(id, PosSaleMapping.class).checked(file.toString()), modified);
            read.put(id, r);
        }
        return r.mapping();
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
