package io.etlhub.pipeline;

import io.etlhub.connector.FailureCause;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.camel.component.quartz.QuartzComponent;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every run of a route is one exchange of its Camel route. {@link #run} starts one by hand (console,
 * REST, CLI, replay, drop folder): it builds an exchange on the route's consumer and processes it
 * through the route's own processor, so route policies (Camel's metrics), the shared error handling
 * and any step an admin added apply exactly as for a Quartz tick. {@link #execute} is the
 * {@code etlhub:} step of that exchange: it takes the route's lock, opens the run row, hands the work
 * to the kind's {@link RouteJob} and leaves the {@link RunSummary} as the exchange's result.
 */
@Service
public class RouteRunner {
    private static final Logger log = LoggerFactory.getLogger(RouteRunner.class);
    /** Headers of a run's exchange; the run's parameters are headers under their own names (period, month, file, ...). */
    public static final String TRIGGER = "EtlhubTrigger";
    public static final String ACTOR = "EtlhubActor";
    /** Exchange properties: the run's context (for the dead-letter channel) and its summary. */
    static final String RUN_CONTEXT = "EtlhubRunContext";
    static final String SUMMARY = "EtlhubRunSummary";
    /** String headers a Quartz tick carries that are not run parameters. */
    private static final Set<String> QUARTZ_HEADERS = Set.of("triggerName", "triggerGroup");
    private static final int SOURCE_TIMEOUT_SECONDS = 10;

    private final RouteCatalog routes;
    private final RouteLocks locks;
    private final RunHistory history;
    private final Clock clock;
    private final RouteMetrics metrics;
    private final CamelContext camel;
    private final SourceProbe probe;
    private final RunEvents events;
    private final Map<String, RouteJob> jobs;

    public RouteRunner(RouteCatalog routes, RouteLocks locks, RunHistory history, Clock clock, RouteMetrics metrics,
                       CamelContext camel, SourceProbe probe, RunEvents events, List<RouteJob> jobs) {
        this.probe = probe;
        this.events = events;
        this.routes = routes;
        this.locks = locks;
        this.history = history;
        this.clock = clock;
        this.metrics = metrics;
        this.camel = camel;
        this.jobs = jobs.stream().collect(Collectors.toMap(RouteJob::kind, Function.identity()));
    }

    /** Runs the route now as one exchange of its Camel route and answers with the finished run. */
    public RunSummary run(String routeId, Trigger trigger, String actor, Map<String, String> parameters) {
        refuseChangeRoute(routeId);
        Route route = startedRoute(routeId);
        // The lock is taken here, before the exchange, so a busy route answers at once; the step
        // takes it again on this thread (the lock is reentrant).
        return locks.withLock(routeId, 30, () -> {
            Consumer consumer = route.getConsumer();
            Exchange exchange = consumer.createExchange(false);
            try {
                exchange.getMessage().setHeader(TRIGGER, trigger.name());
                exchange.getMessage().setHeader(ACTOR, actor);
                if (parameters != null) parameters.forEach(exchange.getMessage()::setHeader);
                try {
                    consumer.getProcessor().process(exchange);
                } catch (Exception e) {
                    exchange.setException(e);
                }
                RunSummary summary = exchange.getProperty(SUMMARY, RunSummary.class);
                if (summary != null) return summary;
                Exception failure = exchange.getException() != null ? exchange.getException()
                        : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                throw new IllegalStateException("route " + routeId + " ended without running its etlhub: step"
                        + (failure == null ? "" : ": " + failure.getMessage()), failure);
            } finally {
                consumer.releaseExchange(exchange, false);
            }
        });
    }

    /** Throws when the route cannot be run now (unknown, or stopped by an admin). */
    public void checkRunnable(String routeId) {
        refuseChangeRoute(routeId);
        startedRoute(routeId);
    }

    private void refuseChangeRoute(String routeId) {
        RouteDefinition route = routes.get(routeId);
        if (routes.jobFor(route) instanceof ChangeJob) {
            throw new IllegalArgumentException("route " + routeId + " takes what its start " + route.from()
                    + " delivers as it comes: it has no runs to start; start or stop the route instead");
        }
    }

    /**
     * The Camel route, started. A route an admin stopped is not run by hand on a live hub (start it
     * first); the CLI and a hub without schedules start it, as their Quartz scheduler never fires.
     */
    private Route startedRoute(String routeId) {
        ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
        if (status == null) throw new IllegalStateException("route " + routeId + " is not loaded into Camel (see the route problems)");
        if (status == null || !status.isStarted()) {
            // etlhub.scheduler.enabled=false sets the Quartz component's autoStartScheduler=false
            if (camel.getComponent("quartz", QuartzComponent.class).isAutoStartScheduler()) {
                throw new RouteStoppedException(routeId, status, routes.restarting(routeId), SupervisedStarts.why(camel, routeId));
            }
            try {
                camel.getRouteController().startRoute(routeId);
            } catch (Exception e) {
                throw new IllegalStateException("route " + routeId + " cannot start: " + e.getMessage(), e);
            }
        }
        return camel.getRoute(routeId);
    }

    /**
     * Throws when the step's source connector does not answer (the step, and so its route, does not start). Not asked
     * while a route is being added to the running context (warmed up, not started): its start asks.
     */
    void checkSource(EtlhubEndpoint step) {
        if (step.getSource() == null || RouteCatalog.addingOnThisThread()) return;
        String problem = probe.unreachable(step.getSource(), SOURCE_TIMEOUT_SECONDS);
        if (problem != null) throw new IllegalStateException("source " + step.getSource() + " unreachable: " + problem);
    }

    /** The {@code etlhub:} step: one run of the route's job for this exchange. */
    void execute(EtlhubEndpoint step, Exchange exchange) throws Exception {
        String routeId = exchange.getFromRouteId();
        RouteDefinition route = routes.get(routeId);
        RouteJob job = jobs.get(step.getCapability());
        if (job == null) throw new IllegalStateException("no capability '" + step.getCapability() + "' (known: " + jobs.keySet() + ")");
        if (job instanceof EventJob events && events.isEvent(exchange)) {
            events.onEvent(route, exchange);
            return;
        }
        Trigger trigger = Trigger.valueOf(exchange.getMessage().getHeader(TRIGGER, Trigger.SCHEDULE.name(), String.class));
        String actor = exchange.getMessage().getHeader(ACTOR, "scheduler", String.class);
        try {
            locks.withLock(routeId, 0, () -> {
                runJob(route, job, exchange, trigger, actor);
                return null;
            });
        } catch (RouteBusyException e) {
            if (trigger != Trigger.SCHEDULE) throw e;
            // The previous run is still going: this tick is skipped, the next one comes.
            log.info("scheduled run of {} skipped: {}", routeId, e.getMessage());
        } catch (JobFailure e) {
            throw e.failure;
        }
    }

    private void runJob(RouteDefinition route, RouteJob job, Exchange exchange, Trigger trigger, String actor) {
        LocalDateTime started = LocalDateTime.now(clock);
        // A redelivery of the same exchange continues its run row instead of opening a second one.
        RunContext previous = exchange.getProperty(RUN_CONTEXT, RunContext.class);
        long runId = previous != null ? previous.runId() : history.open(route.id(), trigger, actor, started);
        RunContext context = new RunContext(runId, route.id(), trigger, actor, parameters(exchange));
        exchange.setProperty(RUN_CONTEXT, context);
        Exception failure = null;
        try {
            job.run(route, context);
        } catch (Exception e) {
            failure = e;
        } catch (LinkageError e) {
            failure = new IllegalStateException(e.toString(), e);
        }
        String status = failure == null ? "SUCCEEDED" : "FAILED";
        String error = failure == null ? null : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        // A database or configuration fault: its one-line cause first (docs/deployment.md).
        if (failure != null && FailureCause.recognises(failure)) error = FailureCause.of(failure, null).line() + " <- " + error;
        if (failure != null) log.error("route {} run {} failed", route.id(), runId, failure);
        LocalDateTime ended = LocalDateTime.now(clock);
        history.close(context, status, error, ended);
        metrics.recordRun(job.kind(), context, failure == null, started.atZone(clock.getZone()).toInstant());
        log.info("route {} run {} {}: {}", route.id(), runId, status, context.counts());
        RunSummary summary = new RunSummary(runId, route.id(), status, started, ended, context.counts(), error, context.outputs());
        exchange.setProperty(SUMMARY, summary);
        exchange.getMessage().setBody(summary);
        events.publish(new RunFinished(route.id(), job.kind(), runId, status, context.counts(), error));
        // Thrown on to Camel: redelivery and the dead-letter channel of the shared route configuration.
        if (failure != null) throw new JobFailure(failure);
    }

    /** The run's parameters: the exchange's own headers (not Camel's, the hub's or a Quartz tick's). */
    static Map<String, String> parameters(Exchange exchange) {
        Map<String, String> out = new LinkedHashMap<>();
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (value instanceof String s && !name.startsWith("Camel") && !name.startsWith("Etlhub") && !QUARTZ_HEADERS.contains(name)) {
                out.put(name, s);
            }
        });
        return out;
    }

    /** Carries a job's exception out of the lock's supplier unchanged. */
    private static final class JobFailure extends RuntimeException {
        final Exception failure;

        JobFailure(Exception failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }
}
