package io.etlhub.connector;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/** Where the admin-editable folders live (routes/, connectors/, mappings/). */
@ConfigurationProperties(prefix = "etlhub")
public record HubConfig(String configDir) {
    public Path dir(String name) {
        return Path.of(configDir == null ? "." : configDir).resolve(name);
    }
}
