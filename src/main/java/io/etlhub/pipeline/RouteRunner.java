package io.etlhub.pipeline;

import io.etlhub.connector.FailureCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;

/** Runs a route once: takes its lock, records the run, hands the work to the route's job. */
@Service
public class RouteRunner {
    private static final Logger log = LoggerFactory.getLogger(RouteRunner.class);

    private final RouteCatalog routes;
    private final RouteLocks locks;
    private final RunHistory history;
    private final Clock clock;
    private final DeadLetters deadLetters;
    private final RouteMetrics metrics;
    private final RunEvents events;

    public RouteRunner(RouteCatalog routes, RouteLocks locks, RunHistory history, Clock clock, DeadLetters deadLetters,
                       RouteMetrics metrics, RunEvents events) {
        this.routes = routes;
        this.locks = locks;
        this.history = history;
        this.clock = clock;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.events = events;
    }

    private static Map<String, Long> counters(RunSummary run) {
        Map<String, Long> counters = new java.util.LinkedHashMap<>();
        counters.put("read", run.read());
        counters.put("applied", run.applied());
        counters.put("reversed", run.reversed());
        counters.put("unmatched", run.unmatched());
        counters.put("unchanged", run.unchanged());
        counters.put("failed", run.failed());
        return counters;
    }

    public RunSummary run(String routeId, Trigger trigger, String actor, Map<String, String> parameters) {
        RouteDefinition route = routes.get(routeId);
        RouteJob job = routes.jobFor(route);
        return locks.withLock(routeId, trigger == Trigger.SCHEDULE ? 0 : 30, () -> {
            LocalDateTime started = LocalDateTime.now(clock);
            long runId = history.open(routeId, trigger, actor, started);
            RunContext context = new RunContext(runId, routeId, trigger, actor, parameters);
            String status = "SUCCEEDED";
            String error = null;
            try {
                job.run(route, context);
            } catch (Exception | LinkageError e) {
                status = "FAILED";
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
                // A database or configuration fault: its one-line cause first (docs/deployment.md).
                if (FailureCause.recognises(e)) error = FailureCause.of(e, null).line() + " <- " + error;
                log.error("route {} run {} failed", routeId, runId, e);
                // The whole batch failed: keep it as a dead letter whose replay reruns it with the same
                // parameters. A failed replay goes back to its own letter instead of adding a new one.
                if (trigger != Trigger.REPLAY) {
                    deadLetters.record(context, "run " + runId, context.parameters(), error);
                }
            }
            LocalDateTime ended = LocalDateTime.now(clock);
            history.close(context, status, error, ended);
            metrics.recordRun(context, status, started.atZone(clock.getZone()).toInstant(),
                    java.time.Duration.between(started, ended));
            log.info("route {} run {} {}: read {}, applied {}, reversed {}, unmatched {}, unchanged {}, failed {}",
                    routeId, runId, status, context.read, context.applied, context.reversed, context.unmatched,
                    context.unchanged, context.failed);
            RunSummary summary = new RunSummary(runId, routeId, status, started, ended, context.read.get(), context.applied.get(),
                    context.reversed.get(), context.unmatched.get(), context.unchanged.get(), context.failed.get(),
                    error, context.outputs());
            events.publish(new RunFinished(routeId, route.kind(), runId, status, counters(summary), error));
            return summary;
        });
    }
}
