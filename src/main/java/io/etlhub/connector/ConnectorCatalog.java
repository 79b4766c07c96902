package io.etlhub.connector;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The connectors/ files, and one pooled data source per JDBC connector, opened on first use. */
@Component
public class ConnectorCatalog implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ConnectorCatalog.class);

    private final Map<String, ConnectorDefinition> connectors = new ConcurrentHashMap<>();
    private final Map<String, ConnectorDataSource> dataSources = new ConcurrentHashMap<>();

    public ConnectorCatalog(ConfigFiles files, HubConfig config) {
        config.requireFolders();
        Path dir = config.dir("connectors");
        for (Path file : ConfigFiles.list(dir, ".yml", ".yaml")) {
            ConnectorDefinition c = files.read(file, ConnectorDefinition.class).withFile(file);
            String expectedId = ConfigFiles.idOf(file);
            if (c.id() == null || !c.id().equals(expectedId)) {
                throw new ConfigFileException(file, 1, "id must be '" + expectedId + "' (the file name), found '" + c.id() + "'");
            }
            if (c.kind() == null) {
                throw new ConfigFileException(file, 1, "kind is missing (jdbc, debezium, file or webhook)");
            }
            if (("jdbc".equals(c.kind()) || "debezium".equals(c.kind())) && (c.url() == null || c.url().isBlank())) {
                throw new ConfigFileException(file, 1, "url is missing");
            }
            connectors.put(c.id(), c);
            log.info("connector {}", c.describe());
        }
    }

    public ConnectorDefinition get(String id) {
        ConnectorDefinition c = connectors.get(id);
        if (c == null) {
            throw new IllegalArgumentException("no connector '" + id + "' in connectors/ (known: " + connectors.keySet() + ")");
        }
        return c;
    }

    public Collection<ConnectorDefinition> all() {
        return connectors.values();
    }

    /**
     * The connector's pool. It is opened on first use, not at start, so a connector that cannot be
     * reached fails only what uses it (and `run check` still starts); the failure names the connector,
     * its server and user ({@link ConnectorConnectionException}).
     */
    public DataSource dataSource(String id) {
        return dataSources.computeIfAbsent(id, key -> new ConnectorDataSource(get(key), this::open));
    }

    /**
     * One connection outside the pool, with the connector's credentials: for checks, which must not
     * wait for a pool's timeout nor keep connections open.
     */
    public Connection connect(String id) throws ConnectorConnectionException {
        ConnectorDefinition c = get(id);
        Properties props = new Properties();
        if (c.properties() != null) props.putAll(c.properties());
        if (c.username() != null) props.setProperty("user", c.username());
        if (c.password() != null) props.setProperty("password", c.password());
        // Unreachable servers answer with a timeout, not an error: do not wait minutes for it.
        if (c.url().startsWith("jdbc:mysql:") || c.url().startsWith("jdbc:mariadb:")) props.putIfAbsent("connectTimeout", "10000");
        if (c.url().startsWith("jdbc:sqlserver:")) props.putIfAbsent("loginTimeout", "10");
        try {
            return DriverManager.getConnection(c.url(), props);
        } catch (SQLException e) {
            throw new ConnectorConnectionException(id, JdbcUrls.server(c.url()), c.username(), e);
        }
    }

    public JdbcTemplate jdbc(String id) {
        return new JdbcTemplate(dataSource(id));
    }

    public TransactionTemplate transactions(String id) {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource(id)));
    }

    public Dialect dialect(String id) {
        return Dialect.fromUrl(get(id).url());
    }

    private HikariDataSource open(String id) {
        ConnectorDefinition c = get(id);
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("connector-" + id);
        hc.setJdbcUrl(c.url());
        hc.setUsername(c.username());
        hc.setPassword(c.password());
        hc.setMaximumPoolSize(c.poolSize() == null ? 4 : c.poolSize());
        hc.setMinimumIdle(0);
        if (c.properties() != null) {
            c.properties().forEach(hc::addDataSourceProperty);
        }
        LocalFileLoads.allow(hc);
        return new HikariDataSource(hc);
    }

    @Override
    public void destroy() {
        dataSources.values().forEach(ConnectorDataSource::close);
    }
}
