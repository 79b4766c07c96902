package io.etlhub.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the admin-editable YAML files (routes/, connectors/, mappings/). Environment placeholders
 * such as {@code ${U8_JDBC_URL:default}} are resolved on the text first, so line numbers in errors
 * still point at the admin's file. Keys are kebab-case in the files, camelCase in Java.
 */
public class ConfigFiles {
    private final Environment environment;
    private final ObjectMapper yaml;

    public ConfigFiles(Environment environment) {
        this.environment = environment;
        this.yaml = new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .registerModule(new JavaTimeModule())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
    }

    public static List<Path> list(Path dir, String... extensions) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Stream.of(extensions).anyMatch(e -> f.getFileName().toString().endsWith(e)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new ConfigFileException(dir, 0, "cannot list directory: " + e.getMessage());
        }
    }

    /** The file name without its extension: the id other files use to refer to it. */
    public static String idOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    public JsonNode readTree(Path file) {
        try {
            JsonNode node = yaml.readTree(resolvedText(file));
            if (node == null || node.isMissingNode() || node.isNull()) {
                throw new ConfigFileException(file, 1, "the file is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw asConfigError(file, e);
        }
    }

    public <T> T read(Path file, Class<T> type) {
        try {
            T value = yaml.readValue(resolvedText(file), type);
            if (value == null) {
                throw new ConfigFileException(file, 1, "the file is empty");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw asConfigError(file, e);
        }
    }

    public <T> T convert(Path file, JsonNode node, Class<T> type) {
        try {
            return yaml.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ConfigFileException(file, 0, e.getMessage());
        }
    }

    private String resolvedText(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigFileException(file, 0, "cannot read: " + e.getMessage());
        }
        try {
            return environment.resolveRequiredPlaceholders(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigFileException(file, lineOf(text, e.getMessage()), e.getMessage());
        }
    }

    private static int lineOf(String text, String message) {
        int quote = message.indexOf('\'');
        if (quote < 0) return 0;
        int end = message.indexOf('\'', quote + 1);
        String name = end > quote ? message.substring(quote + 1, end) : "";
        int at = name.isEmpty() ? -1 : text.indexOf("${" + name);
        return at < 0 ? 0 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static ConfigFileException asConfigError(Path file, JsonProcessingException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return new ConfigFileException(file, line, e.getOriginalMessage());
    }
}
