package io.etlhub.pipeline;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * A finished run, as the CLI prints it (one JSON line), the API returns it and the route's exchange
 * carries it as its result. {@code counts} are named by the route's kind (see {@link RunContext}).
 */
public record RunSummary(
        long runId,
        String route,
        String status,
        LocalDateTime startedAt,
        LocalDateTime endedAt,
        Map<String, Long> counts,
        String error,
        Map<String, Object> outputs) {

    public boolean succeeded() { return "SUCCEEDED".equals(status); }

    /** One counter of the run, 0 when the kind does not count it. */
    public long count(String name) { return counts == null ? 0 : counts.getOrDefault(name, 0L); }
}
