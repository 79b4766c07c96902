package io.etlhub.connector;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the admin-editable folders live (routes/, connectors/, mappings/). */
@ConfigurationProperties(prefix = "etlhub")
public record HubConfig(String configDir) {
    public static final String[] FOLDERS = {"routes", "connectors", "mappings"};

    public Path dir(String name) {
        return Path.of(configDir == null ? "." : configDir).resolve(name);
    }

    /** Fails naming the folder looked in (absolute) when one of routes/, connectors/, mappings/ is not there. */
    public void requireFolders() {
        for (String folder : FOLDERS) {
            if (!Files.isDirectory(dir(folder))) {
                throw new ConfigFolderMissingException(folder, Path.of(configDir == null ? "." : configDir).toAbsolutePath().normalize());
            }
        }
    }
}
