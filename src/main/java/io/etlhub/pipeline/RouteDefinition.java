package io.etlhub.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.nio.file.Path;
import java.util.Map;

/**
 * One file in routes/: what runs, when, from where to where. The {@code kind} picks the capability
 * that does the work (receipts, reconciliation, health-report, archive-import, ...).
 */
public record RouteDefinition(
        String id,
        String description,
        String kind,
        Boolean enabled,
        String schedule,
        Endpoint source,
        Endpoint target,
        Integer batchSize,
        Integer keyScanEveryRuns,
        String errorPolicy,
        Map<String, String> options,
        @JsonIgnore Path file) {

    public record Endpoint(String connector, String mapping) {}

    public boolean isEnabled() { return enabled == null || enabled; }

    public int batchSizeOr(int fallback) { return batchSize == null ? fallback : batchSize; }

    public String option(String key, String fallback) {
        return options == null ? fallback : options.getOrDefault(key, fallback);
    }

    public RouteDefinition withFile(Path file) {
        return new RouteDefinition(id, description, kind, enabled, schedule, source, target, batchSize,
                keyScanEveryRuns, errorPolicy, options, file);
    }
}
