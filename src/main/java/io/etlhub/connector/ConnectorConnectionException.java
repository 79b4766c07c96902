package io.etlhub.connector;

import java.sql.SQLException;

/**
 * A connection to a connector's database could not be opened. Carries the connector, its server and
 * user so the one-line cause can name them; keeps the driver's SQL state and vendor code.
 */
public class ConnectorConnectionException extends SQLException {
    private final String connector;
    private final String server;
    private final String user;

    public ConnectorConnectionException(String connector, String server, String user, SQLException cause) {
        super("connector " + connector + " (" + server + ", user " + user + "): " + cause.getMessage(),
                cause.getSQLState(), cause.getErrorCode(), cause);
        this.connector = connector;
        this.server = server;
        this.user = user;
    }

    public String connector() { return connector; }

    public String server() { return server; }

    public String user() { return user; }
}
