package io.etlhub.connector.debezium;

import io.etlhub.connector.ConnectorDefinition;
import io.etlhub.connector.Secrets;

import java.net.URI;
import java.util.Map;

/**
 * The database a {@code debezium} connector file points at: host, port and database from its url,
 * the capture user, the flavour (mysql: Debezium's MySQL connector; mariadb: its MariaDB connector,
 * which unlike the MySQL one does not drop the first row changed while the engine was stopped) and
 * the replica server id.
 */
public record CdcSource(String connector, String flavour, String host, int port, String database, String user,
                        String password, long serverId) {

    public static CdcSource of(ConnectorDefinition c) {
        String where = c.file() == null ? "connector " + c.id() : c.file().toString();
        String url = c.url();
        if (url == null || !(url.startsWith("jdbc:mysql://") || url.startsWith("jdbc:mariadb://"))) {
            throw new IllegalArgumentException(where + ": a debezium connector needs a jdbc:mysql:// or jdbc:mariadb:// url, found "
                    + Secrets.maskUrl(url));
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (path.isBlank()) throw new IllegalArgumentException(where + ": the url names no database: " + Secrets.maskUrl(url));
        if (c.password() == null || c.password().isEmpty()) {
            throw new IllegalArgumentException(where + ": the capture user needs a password (Debezium requires one)");
        }
        Map<String, String> props = c.properties() == null ? Map.of() : c.properties();
        String flavour = props.getOrDefault("flavour", "mysql");
        if (!flavour.equals("mysql") && !flavour.equals("mariadb")) {
            throw new IllegalArgumentException(where + ": properties.flavour must be mysql or mariadb, found '" + flavour + "'");
        }
        String serverId = props.getOrDefault("server-id", "85401");
        long id;
        try {
            id = Long.parseLong(serverId.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": properties.server-id must be a number, found '" + serverId + "'");
        }
        return new CdcSource(c.id(), flavour, uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort(), path, c.username(),
                c.password(), id);
    }

    public CdcSource withServerId(long id) {
        return new CdcSource(connector, flavour, host, port, database, user, password, id);
    }

    public CdcSource withPort(int p) {
        return new CdcSource(connector, flavour, host, p, database, user, password, serverId);
    }

    public String connectorClass() {
        return flavour.equals("mariadb") ? "io.debezium.connector.mariadb.MariaDbConnector" : "io.debezium.connector.mysql.MySqlConnector";
    }
}
