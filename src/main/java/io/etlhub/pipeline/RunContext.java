package io.etlhub.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What a job knows about the run it is part of, and where it counts. */
public final class RunContext {
    private final long runId;
    private final String routeId;
    private final Trigger trigger;
    private final String actor;
    private final Map<String, String> parameters;
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    public final AtomicLong read = new AtomicLong();
    public final AtomicLong applied = new AtomicLong();
    public final AtomicLong reversed = new AtomicLong();
    public final AtomicLong unmatched = new AtomicLong();
    public final AtomicLong unchanged = new AtomicLong();
    public final AtomicLong failed = new AtomicLong();

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

    /** Something the run produced that its summary should show (a file, a total). */
    public void output(String name, Object value) { outputs.put(name, value); }

    public Map<String, Object> outputs() { return outputs; }
}
