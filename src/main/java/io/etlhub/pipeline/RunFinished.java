package io.etlhub.pipeline;

import java.util.Map;

/**
 * Application event: a run of a route ended (any trigger). Published through Spring Modulith's event
 * publication registry, so a listener in another module sees it even after a crash between the run
 * and the listener (the publication stays incomplete in the hub store and is resubmitted).
 */
public record RunFinished(String route, String kind, long runId, String status, Map<String, Long> counters, String error) {

    public boolean succeeded() { return "SUCCEEDED".equals(status); }

    public long counter(String name) {
        Long v = counters == null ? null : counters.get(name);
        return v == null ? 0 : v;
    }
}
