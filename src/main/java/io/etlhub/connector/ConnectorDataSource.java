package io.etlhub.connector;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.springframework.jdbc.datasource.AbstractDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * A connector's pool, opened on the first connection asked for; a connection that cannot be opened
 * is reported as {@link ConnectorConnectionException} (connector, server, user, and the driver's code).
 */
final class ConnectorDataSource extends AbstractDataSource {
    private final ConnectorDefinition connector;
    private final Function<String, HikariDataSource> opener;
    private volatile HikariDataSource pool;

    ConnectorDataSource(ConnectorDefinition connector, Function<String, HikariDataSource> opener) {
        this.connector = connector;
        this.opener = opener;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return pool().getConnection();
        } catch (SQLException e) {
            throw translated(e);
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new UnsupportedOperationException("connector " + connector.id() + " uses the credentials of its file");
    }

    private HikariDataSource pool() throws SQLException {
        HikariDataSource p = pool;
        if (p != null) return p;
        synchronized (this) {
            if (pool == null) {
                try {
                    pool = opener.apply(connector.id());
                } catch (HikariPool.PoolInitializationException e) {
                    if (e.getCause() instanceof SQLException s) throw s;
                    throw new SQLException(e.getMessage(), "08001", e);
                }
            }
            return pool;
        }
    }

    /** Hikari reports a connection it could not open after the pool started as a timeout with the driver's error as cause. */
    private ConnectorConnectionException translated(SQLException e) {
        if (e instanceof ConnectorConnectionException c) return c;
        SQLException driver = e.getCause() instanceof SQLException s ? s : e;
        return new ConnectorConnectionException(connector.id(), JdbcUrls.server(connector.url()), connector.username(), driver);
    }

    synchronized void close() {
        if (pool != null) pool.close();
    }
}
