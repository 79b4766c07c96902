package io.etlhub.pipeline;

import java.nio.file.Path;
import java.util.Map;

/**
 * The hub's view of one file in routes/ (a Camel YAML DSL route): its id, description, whether it
 * starts (autoStartup), its Quartz cron when it has one, and its {@code etlhub:<kind>} step with the
 * step's options. The kind picks the capability that does the work; {@code from} is the route's start
 * (its Camel endpoint URI, options included).
 */
public record RouteDefinition(
        String id,
        String description,
        String kind,
        boolean enabled,
        String schedule,
        Endpoint source,
        Endpoint target,
        Map<String, String> options,
        Path file,
        String from) {

    public record Endpoint(String connector, String mapping) {}

    public boolean isEnabled() { return enabled; }

    /** The step's batchSize option, or the fallback. */
    public int batchSizeOr(int fallback) {
        Integer n = intOption("batchSize");
        return n == null ? fallback : n;
    }

    public Integer batchSize() { return intOption("batchSize"); }

    /** A step option as text (names as in the route file, e.g. keyScanEveryRuns), or the fallback. */
    public String option(String key, String fallback) {
        return options == null ? fallback : options.getOrDefault(key, fallback);
    }

    public Integer intOption(String key) {
        String v = option(key, null);
        return v == null || v.isBlank() ? null : Integer.valueOf(v.trim());
    }
}
