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
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The connectors/ files, and one pooled data source per JDBC connector, opened on first use. */
@Component
public class ConnectorCatalog implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ConnectorCatalog.class);

    private final Map<String, ConnectorDefinition> connectors = new ConcurrentHashMap<>();
    private final Map<String, HikariDataSource> dataSources = new ConcurrentHashMap<>();

    public ConnectorCatalog(ConfigFiles files, HubConfig config) {
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

    public DataSource dataSource(String id) {
        return dataSources.computeIfAbsent(id, this::open);
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
        return new HikariDataSource(hc);
    }

    @Override
    public void destroy() {
        dataSources.values().forEach(HikariDataSource::close);
    }
}
