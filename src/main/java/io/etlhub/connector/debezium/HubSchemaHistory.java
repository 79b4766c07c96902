package io.etlhub.connector.debezium;

import io.debezium.config.Configuration;
import io.debezium.document.DocumentReader;
import io.debezium.document.DocumentWriter;
import io.debezium.relational.history.AbstractSchemaHistory;
import io.debezium.relational.history.HistoryRecord;
import io.debezium.relational.history.HistoryRecordComparator;
import io.debezium.relational.history.SchemaHistoryException;
import io.debezium.relational.history.SchemaHistoryListener;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The engine's schema history (the DDL it has seen, to read binlog rows after a restart) in the hub
 * table cdc_schema_history, in order. Debezium instantiates it by class name (schema.history.internal).
 */
public class HubSchemaHistory extends AbstractSchemaHistory {
    static final String ENGINE = "schema.history.internal.etlhub.engine";
    static final String STORE = "schema.history.internal.etlhub.store";

    private String engine;
    private CdcStore store;

    @Override
    public void configure(Configuration config, HistoryRecordComparator comparator, SchemaHistoryListener listener, boolean useCatalogBeforeSchema) {
        super.configure(config, comparator, listener, useCatalogBeforeSchema);
        engine = config.getString(ENGINE);
        store = CdcStore.named(config.getString(STORE));
    }

    @Override
    protected void storeRecord(HistoryRecord record) throws SchemaHistoryException {
        String json;
        try {
            json = DocumentWriter.defaultWriter().write(record.document());
        } catch (IOException e) {
            throw new SchemaHistoryException("engine " + engine + ": cannot write a schema history record: " + e.getMessage(), e);
        }
        Long last = store.jdbc().queryForObject("SELECT MAX(seq) FROM cdc_schema_history WHERE engine = ?", Long.class, engine);
        store.jdbc().update("INSERT INTO cdc_schema_history (engine, seq, record, recorded_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP(3))",
                engine, last == null ? 1 : last + 1, json);
    }

    @Override
    protected void recoverRecords(Consumer<HistoryRecord> records) {
        DocumentReader reader = DocumentReader.defaultReader();
        store.jdbc().query("SELECT record FROM cdc_schema_history WHERE engine = ? ORDER BY seq", rs -> {
            try {
                records.accept(new HistoryRecord(reader.read(rs.getString(1))));
            } catch (IOException e) {
                throw new SchemaHistoryException("engine " + engine + ": unreadable schema history record: " + e.getMessage(), e);
            }
        }, engine);
    }

    @Override
    public boolean exists() {
        Long n = store.jdbc().queryForObject("SELECT COUNT(*) FROM cdc_schema_history WHERE engine = ?", Long.class, engine);
        return n != null && n > 0;
    }

    @Override
    public boolean storageExists() {
        return true; // a Flyway table of the hub
    }
}
