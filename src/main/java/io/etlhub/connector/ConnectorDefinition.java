package io.etlhub.connector;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.file.Path;
import java.util.Map;

/**
 * One file in connectors/: how to reach one system. {@code kind} is the mechanism (jdbc, debezium,
 * file, webhook); U8, K3, CRM, MES and POS differ only in these values and in their mapping files.
 */
public record ConnectorDefinition(
        String id,
        String name,
        String kind,
        String system,
        String url,
        String username,
        // Read from the file, never written into an API answer (@JsonIgnore would drop it on reading too).
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) String password,
        Integer poolSize,
        Map<String, String> properties,
        @JsonIgnore Path file) {

    public ConnectorDefinition withFile(Path file) {
        return new ConnectorDefinition(id, name, kind, system, url, username, password, poolSize, properties, file);
    }

    /** An H2 database of the hub's own (the demo's files under data/demo, or in memory): never a real system. */
    public boolean embedded() {
        return url != null && (url.startsWith("jdbc:h2:mem:") || url.startsWith("jdbc:h2:file:"));
    }

    /** For logs and API answers: never the password. */
    public String describe() {
        return id + " (" + kind + ", " + Secrets.maskUrl(url) + ")";
    }
}
