package io.etlhub.connector;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;

/** The mappings/ files: vendor tables and columns to hub fields. Each capability reads its own typed view. */
@Component
public class MappingCatalog {
    private final ConfigFiles files;
    private final HubConfig config;

    public MappingCatalog(ConfigFiles files, HubConfig config) {
        this.files = files;
        this.config = config;
    }

    public Path file(String mappingId) {
        for (String ext : new String[] {".yml", ".yaml"}) {
            Path f = config.dir("mappings").resolve(mappingId + ext);
            if (Files.exists(f)) return f;
        }
        throw new IllegalArgumentException("no mapping '" + mappingId + "' in " + config.dir("mappings"));
    }

    public <T> T read(String mappingId, Class<T> type) {
        return files.read(file(mappingId), type);
    }

    public JsonNode tree(String mappingId) {
        return files.readTree(file(mappingId));
    }
}
