package io.etlhub.connector.debezium;

import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's offsets (its binlog position) in the hub table cdc_offset, one row per offset key of
 * this engine, written on every flush. Debezium instantiates it by class name (offset.storage).
 */
public class HubOffsetStore extends MemoryOffsetBackingStore {
    static final String ENGINE = "etlhub.cdc.engine";
    static final String STORE = "etlhub.cdc.store";

    private String engine;
    private CdcStore store;

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        Map<String, String> originals = config.originalsStrings();
        engine = originals.get(ENGINE);
        store = CdcStore.named(originals.get(STORE));
    }

    @Override
    public synchronized void start() {
        super.start();
        List<Map<String, Object>> rows = store.jdbc().queryForList("SELECT offset_key, offset_value FROM cdc_offset WHERE engine = ?", engine);
        for (Map<String, Object> row : rows) {
            data.put(bytes((String) row.get("offset_key")), bytes((String) row.get("offset_value")));
        }
    }

    @Override
    protected void save() {
        for (Map.Entry<ByteBuffer, ByteBuffer> e : data.entrySet()) {
            String key = text(e.getKey());
            String value = e.getValue() == null ? null : text(e.getValue());
            int updated = store.jdbc().update("UPDATE cdc_offset SET offset_value = ?, updated_at = CURRENT_TIMESTAMP(3) "
                    + "WHERE engine = ? AND offset_key = ?", value, engine, key);
            if (updated == 0) {
                store.jdbc().update("INSERT INTO cdc_offset (engine, offset_key, offset_value, updated_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP(3))",
                        engine, key, value);
            }
        }
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }

    private static ByteBuffer bytes(String s) {
        return s == null ? null : ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer b) {
        ByteBuffer copy = b.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
