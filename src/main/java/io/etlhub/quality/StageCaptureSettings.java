package io.etlhub.quality;

import io.etlhub.connector.ConnectorDefinition;
import io.etlhub.connector.TableMapping;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where and how the stage capture reads the CRM binlog: from connectors/crm-cdc.yml (url, user,
 * flavour, server id), the opportunity table of mappings/crm.yml, and the hub's data directory.
 */
public record StageCaptureSettings(String name, String flavour, String host, int port, String database, String user,
                                   String password, long serverId, TableMapping opportunity, Path dataDir,
                                   long offsetFlushIntervalMs) {

    public static StageCaptureSettings of(ConnectorDefinition connector, TableMapping opportunity, Path dataDir, long flushMs) {
        String url = connector.url();
        if (url == null || !(url.startsWith("jdbc:mysql://") || url.startsWith("jdbc:mariadb://"))) {
            throw new IllegalArgumentException(connector.file() + ": stage capture needs a jdbc:mysql:// or jdbc:mariadb:// url, found "
                    + io.etlhub.connector.Secrets.maskUrl(url));
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (path.isBlank()) throw new IllegalArgumentException(connector.file() + ": the url names no database: " + io.etlhub.connector.Secrets.maskUrl(url));
        if (connector.password() == null || connector.password().isEmpty()) {
            throw new IllegalArgumentException(connector.file() + ": the capture user needs a password (Debezium requires one)");
        }
        String flavour = connector.properties() == null ? "mysql" : connector.properties().getOrDefault("flavour", "mysql");
        if (!flavour.equals("mysql") && !flavour.equals("mariadb")) {
            throw new IllegalArgumentException(connector.file() + ": properties.flavour must be mysql or mariadb, found '" + flavour + "'");
        }
        String serverId = connector.properties() == null ? null : connector.properties().get("server-id");
        long id;
        try {
            id = Long.parseLong(serverId == null ? "85401" : serverId.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(connector.file() + ": properties.server-id must be a number, found '" + serverId + "'");
        }
        return new StageCaptureSettings(connector.id(), flavour, uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort(), path,
                connector.username(), connector.password(), id, opportunity, dataDir, flushMs);
    }

    /** Camel's debezium-mysql endpoint, running Debezium's MariaDB connector for the mariadb flavour. */
    public String endpointUri() {
        StringBuilder uri = new StringBuilder("debezium-mysql:").append(name)
                .append("?databaseHostname=").append(host)
                .append("&databasePort=").append(port)
                .append("&databaseUser=").append(enc(user))
                .append("&databasePassword=RAW(").append(password).append(")")
                .append("&databaseServerId=").append(serverId)
                .append("&topicPrefix=").append(enc("etlhub-" + name))
                .append("&databaseIncludeList=").append(enc(database))
                .append("&tableIncludeList=").append(enc(database + "." + opportunity.table()))
                .append("&snapshotMode=no_data")
                .append("&includeSchemaChanges=false")
                .append("&offsetStorage=org.apache.kafka.connect.storage.FileOffsetBackingStore")
                .append("&offsetStorageFileName=").append(enc(dataDir.resolve(name + ".offsets").toAbsolutePath().toString()))
                .append("&offsetFlushIntervalMs=").append(offsetFlushIntervalMs)
                .append("&schemaHistoryInternal=io.debezium.storage.file.history.FileSchemaHistory")
                .append("&schemaHistoryInternalFileFilename=")
                .append(enc(dataDir.resolve(name + ".schema-history").toAbsolutePath().toString()));
        if (flavour.equals("mariadb")) {
            uri.append("&additionalProperties.connector.class=io.debezium.connector.mariadb.MariaDbConnector")
                    .append("&databaseSslMode=disable")
                    // The driver's default ('auto') sets the JVM's named zone on the session, which a server without
                    // time-zone tables rejects; the capture reads the binlog's own timestamps, so it needs none.
                    .append("&additionalProperties.database.timezone=disable");
        } else {
            uri.append("&databaseSslMode=preferred");
        }
        return uri.toString();
    }

    /** The JMX name of the connector's streaming metrics, whose Connected attribute the health check reads. */
    public String streamingMetricsName() {
        return "debezium." + flavour + ":type=connector-metrics,context=streaming,server=etlhub-" + name;
    }

    public String routeId() { return "stage-capture-" + name; }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s == null ? "" : s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
