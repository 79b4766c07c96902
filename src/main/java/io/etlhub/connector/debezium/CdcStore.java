package io.etlhub.connector.debezium;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub store as the engine's offset store and schema history reach it. Debezium creates those
 * two by class name, so they find the hub's pooled data source here by the id in their settings.
 * Why not Debezium's own JDBC stores: they refuse a user without a password (the embedded H2 hub
 * has none), and JdbcOffsetBackingStore deletes its whole table on every save, which forces one table
 * per engine. {@link HubOffsetStore} writes only its own engine's rows of cdc_offset (a Flyway table),
 * so one table holds every engine's offsets without one engine ever erasing another's.
 */
public final class CdcStore {
    private static final Map<String, CdcStore> STORES = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final JdbcTemplate jdbc;

    public CdcStore(DataSource hub) {
        this.jdbc = new JdbcTemplate(hub);
        STORES.put(id, this);
    }

    public String id() { return id; }

    JdbcTemplate jdbc() { return jdbc; }

    static CdcStore named(String id) {
        CdcStore store = id == null ? null : STORES.get(id);
        if (store == null) throw new IllegalStateException("no hub store '" + id + "' for the CDC engine (is the hub context closed?)");
        return store;
    }

    public void close() {
        STORES.remove(id);
    }
}
