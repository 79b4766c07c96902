package io.etlhub.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a job knows about the run it is part of, and where it counts. Each kind names its own
 * counters (receipts: read, applied, reversed, unmatched; reports: findings; imports: imported,
 * merged, rejected); they become the run's counts in the history and the kind's metric.
 */
public final class RunContext {
    private final long runId;
    private final String routeId;
    private final Trigger trigger;
    private final String actor;
    private final Map<String, String> parameters;
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();

    public RunContext(long runId, String routeId, Trigger trigger, String actor, Map<String, String> parameters) {
        this.runId = runId;
        this.routeId = routeId;
        this.trigger = trigger;
        this.actor = actor;
        this.parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public long runId() { return runId; }

    public String routeId() { return routeId; }

    public Trigger trigger() { return trigger; }

    public String actor() { return actor; }

    public String parameter(String name) { return parameters.get(name); }

    public Map<String, String> parameters() { return parameters; }

    /** Adds {@code n} to the counter {@code name}; returns the new value. */
    public synchronized long count(String name, long n) {
        return counts.merge(name, n, Long::sum);
    }

    /** Sets the counter {@code name} (a total the job knows at the end). */
    public synchronized void set(String name, long n) { counts.put(name, n); }

    public synchronized long counted(String name) { return counts.getOrDefault(name, 0L); }

    public synchronized Map<String, Long> counts() { return Collections.unmodifiableMap(new LinkedHashMap<>(counts)); }

    /** Something the run produced that its summary should show (a file, a total). */
    public void output(String name, Object value) { outputs.put(name, value); }

    public Map<String, Object> outputs() { return outputs; }
}
