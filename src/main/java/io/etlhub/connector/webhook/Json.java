package io.etlhub.connector.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** JSON for the channels: write a body, read a robot's errcode. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** The robots answer HTTP 200 with {"errcode":0,...}; errcode is -1 when the answer is not that. */
    static long errcode(String body) {
        try {
            JsonNode node = MAPPER.readTree(body == null ? "" : body);
            return node != null && node.has("errcode") ? node.get("errcode").asLong() : -1;
        } catch (JsonProcessingException e) {
            return -1;
        }
    }

    static List<String> list(Map<String, String> properties, String name) {
        String v = properties == null ? null : properties.get(name);
        return v == null || v.isBlank() ? List.of() : Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static String property(Map<String, String> properties, String name, String otherwise) {
        return properties == null ? otherwise : properties.getOrDefault(name, otherwise);
    }
}
