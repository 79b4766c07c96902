package io.etlhub.connector.debezium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A Debezium change record kept whole for a dead letter: topic, key and value with their Kafka Connect schemas
 * (Kafka Connect's own JSON converter, schemas on), so a replay rebuilds the same record and its step reads it as it
 * first came (structs, types, source position).
 */
final class StoredChange {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredChange() {}

    private static JsonConverter converter(boolean key) {
        JsonConverter c = new JsonConverter();
        c.configure(Map.of("schemas.enable", "true", "decimal.format", "NUMERIC"), key);
        return c;
    }

    static String write(SourceRecord record) {
        ObjectNode out = JSON.createObjectNode();
        out.put("topic", record.topic());
        out.set("key", tree(converter(true).fromConnectData(record.topic(), record.keySchema(), record.key())));
        out.set("value", tree(converter(false).fromConnectData(record.topic(), record.valueSchema(), record.value())));
        return out.toString();
    }

    static SourceRecord read(String stored) {
        try {
            JsonNode in = JSON.readTree(stored);
            String topic = in.path("topic").asText();
            SchemaAndValue key = converter(true).toConnectData(topic, bytes(in.get("key")));
            SchemaAndValue value = converter(false).toConnectData(topic, bytes(in.get("value")));
            return new SourceRecord(null, null, topic, null, key.schema(), key.value(), value.schema(), value.value());
        } catch (IOException e) {
            throw new IllegalStateException("the stored change event is not JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return json == null ? JSON.nullNode() : JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode node) throws IOException {
        return node == null || node.isNull() ? null : JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    }
}
