package io.etlhub.connector.debezium;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change kept whole for a dead letter: its rows and key with their Kafka Connect schemas (Kafka Connect's own JSON
 * converter, schemas on), its binlog source and where it came from, so a replay rebuilds the same {@link ChangeRecord}
 * and the route's steps read it as it first came (structs, types, source position).
 */
final class StoredChange {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonConverter STRUCTS = new JsonConverter();

    static {
        // Decimals as Kafka Connect writes them by default (unscaled bytes, scale in the schema): exact, scale kept.
        STRUCTS.configure(Map.of("schemas.enable", "true"), false);
    }

    private StoredChange() {}

    static String write(ChangeRecord change) {
        ObjectNode out = JSON.createObjectNode();
        out.put("topic", change.topic());
        out.put("table", change.table());
        out.put("operation", change.operation());
        out.put("primaryKey", change.primaryKey());
        if (change.sourceMillis() != null) out.put("sourceMillis", change.sourceMillis());
        out.set("source", JSON.valueToTree(change.source()));
        out.set("key", struct(change.topic(), change.key()));
        out.set("before", struct(change.topic(), change.before()));
        out.set("after", struct(change.topic(), change.after()));
        return out.toString();
    }

    static ChangeRecord read(String stored) {
        try {
            JsonNode in = JSON.readTree(stored);
            String topic = in.path("topic").asText();
            Map<String, Object> source = JSON.convertValue(in.get("source"), new TypeReference<LinkedHashMap<String, Object>>() {});
            return new ChangeRecord(in.path("table").asText(), in.path("operation").asText(), struct(topic, in.get("before")),
                    struct(topic, in.get("after")), source, in.path("primaryKey").asText(), struct(topic, in.get("key")),
                    in.hasNonNull("sourceMillis") ? in.get("sourceMillis").asLong() : null, topic);
        } catch (IOException e) {
            throw new IllegalStateException("the stored change event is not JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode struct(String topic, Struct struct) {
        if (struct == null) return JSON.nullNode();
        Schema schema = struct.schema();
        try {
            return JSON.readTree(STRUCTS.fromConnectData(topic, schema, struct));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Struct struct(String topic, JsonNode node) throws IOException {
        if (node == null || node.isNull()) return null;
        return (Struct) STRUCTS.toConnectData(topic, JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8)).value();
    }
}
