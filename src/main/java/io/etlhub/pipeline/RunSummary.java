package io.etlhub.pipeline;

import java.time.LocalDateTime;
import java.util.Map;

/** A finished run, as the CLI prints it (one JSON line) and the API returns it. */
public record RunSummary(
        long runId,
        String route,
        String status,
        LocalDateTime startedAt,
        LocalDateTime endedAt,
        long read,
        long applied,
        long reversed,
        long unmatched,
        long unchanged,
        long failed,
        String error,
        Map<String, Object> outputs) {

    public boolean succeeded() { return "SUCCEEDED".equals(status); }
}
