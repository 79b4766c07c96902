package io.etlhub.connector.debezium;

import org.apache.camel.component.debezium.DebeziumConstants;
import org.apache.camel.Exchange;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One row change read from a Debezium record: operation, row before and after, the binlog source
 * and the primary key. Put on an exchange with the headers of Camel's own Debezium component, so a
 * step written for {@code debezium-mysql:} reads it the same way.
 */
public record ChangeRecord(String table, String operation, Struct before, Struct after, Map<String, Object> source,
                           String primaryKey, Struct key, Long sourceMillis, String topic) {

    /** Null for what is not a row change (tombstones, heartbeats, schema changes). */
    public static ChangeRecord of(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("op") == null) return null;
        Struct source = value.schema().field("source") == null ? null : value.getStruct("source");
        Map<String, Object> sourceMap = new LinkedHashMap<>();
        if (source != null) for (Field f : source.schema().fields()) sourceMap.put(f.name(), source.get(f));
        Struct key = record.key() instanceof Struct k ? k : null;
        Object ts = sourceMap.get("ts_ms");
        return new ChangeRecord(String.valueOf(sourceMap.getOrDefault("table", record.topic())), value.getString("op"),
                value.schema().field("before") == null ? null : value.getStruct("before"),
                value.schema().field("after") == null ? null : value.getStruct("after"),
                sourceMap, key == null ? String.valueOf(record.key()) : fields(key), key,
                ts instanceof Number n ? n.longValue() : null, record.topic());
    }

    /**
     * The idempotency key: where the change is in the binlog (server, file, position, row within the
     * event) and which row it changed. A replay after a crash yields the same key.
     */
    public String eventKey() {
        return source.get("server_id") + "/" + source.get("file") + "/" + source.get("pos") + "/" + source.get("row")
                + "/" + table + "/" + primaryKey;
    }

    public void putOn(Exchange exchange) {
        var m = exchange.getMessage();
        m.setHeader(DebeziumConstants.HEADER_IDENTIFIER, topic);
        m.setHeader(DebeziumConstants.HEADER_KEY, key);
        m.setHeader(DebeziumConstants.HEADER_OPERATION, operation);
        m.setHeader(DebeziumConstants.HEADER_BEFORE, before);
        m.setHeader(DebeziumConstants.HEADER_SOURCE_METADATA, source);
        m.setHeader(DebeziumConstants.HEADER_TIMESTAMP, sourceMillis);
        m.setHeader(EVENT_KEY, eventKey());
        m.setBody(after);
    }

    /** What the dead-letter store keeps of a change whose step failed. */
    public Map<String, String> payload() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kind", "cdc-event");
        p.put("table", table);
        p.put("operation", operation);
        p.put("key", primaryKey);
        p.put("position", eventKey());
        // The dead-letter payload holds 4000 characters: the rows are cut, the position never.
        if (before != null) p.put("before", cut(before.toString()));
        if (after != null) p.put("after", cut(after.toString()));
        return p;
    }

    /** Header holding {@link #eventKey()}. */
    public static final String EVENT_KEY = "EtlhubCdcEventKey";

    private static String cut(String s) {
        return s.length() <= 1500 ? s : s.substring(0, 1497) + "...";
    }

    private static String fields(Struct s) {
        StringJoiner j = new StringJoiner(",");
        for (Field f : s.schema().fields()) j.add(f.name() + "=" + s.get(f));
        return j.toString();
    }
}
