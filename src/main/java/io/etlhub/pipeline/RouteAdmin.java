package io.etlhub.pipeline;

import io.etlhub.connector.debezium.CdcEngines;
import io.etlhub.connector.debezium.CdcStatus;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.quartz.CronExpression;
import org.springframework.stereotype.Service;

import java.text.ParseException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * What an admin does to routes: start, stop, run now, change the cron, reload the files, replay a dead
 * letter. Start, stop (the route's autoStartup) and the cron are written to the route's file (the
 * source of truth) and take effect through a reload, which starts or stops the Camel route through
 * Camel's route controller. Every action goes to the audit log.
 */
@Service
public class RouteAdmin {
    private final RouteCatalog catalog;
    private final RouteFileEditor editor;
    private final RouteRunner runner;
    private final RunHistory history;
    private final RouteLocks locks;
    private final DeadLetters deadLetters;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;
    private final CamelContext camel;
    private final CdcEngines captures;

    RouteAdmin(RouteCatalog catalog, RouteFileEditor editor, RouteRunner runner, RunHistory history, RouteLocks locks,
               DeadLetters deadLetters, AuditLog audit, Clock clock, CamelContext camel, CdcEngines captures) {
        this.camel = camel;
        this.captures = captures;
        this.catalog = catalog;
        this.editor = editor;
        this.runner = runner;
        this.history = history;
        this.locks = locks;
        this.deadLetters = deadLetters;
        this.audit = audit;
        this.clock = clock;
        this.zone = clock.getZone();
    }

    /**
     * {@code state} is Camel's status of the route (Started, Stopped, ...), or Restarting / Exhausted while Camel's
     * supervising route controller retries (or gave up) starting it, with {@code startProblem} (why the last attempt
     * failed, e.g. its source is down), {@code startAttempts} and {@code nextStartAttempt}; {@code enabled} its file's autoStartup;
     * {@code capture} the change stream of a route that starts from etlhub-cdc: (state, lag), null otherwise or while stopped;
     * {@code runnable} false for a route fed by its start (changes, events), which has no runs to start.
     */
    public record RouteStatus(String id, String description, String kind, boolean enabled, String state, String schedule,
                              boolean running, RunSummary lastRun, LocalDateTime nextRun,
                              RouteDefinition.Endpoint source, RouteDefinition.Endpoint target, CdcStatus capture, boolean runnable,
                              List<RunParameter> parameters, String startProblem, Long startAttempts,
                              LocalDateTime nextStartAttempt) {
        /** The {@code state} of a route whose start failed (its source is down) and is retried with back-off. */
        public static final String RESTARTING = SupervisedStarts.RESTARTING;

        /** The capture's lag in seconds, or null when it has none yet. */
        public Double lagSeconds() {
            return capture == null || capture.lagMillis() == null ? null : capture.lagMillis() / 1000.0;
        }
    }

    public List<RouteStatus> list() {
        return catalog.all().stream().map(this::status).toList();
    }

    public RouteStatus status(String id) {
        return status(catalog.get(id));
    }

    private RouteStatus status(RouteDefinition r) {
        List<RunSummary> last = history.recent(r.id(), 1);
        ServiceStatus state = camel.getRouteController().getRouteStatus(r.id());
        SupervisedStarts starts = SupervisedStarts.of(camel, r.id());
        String shown = starts != null ? starts.state() : state == null ? "Unloaded" : state.name();
        return new RouteStatus(r.id(), r.description(), r.kind(), r.isEnabled(), shown,
                r.schedule(), locks.isRunning(r.id()), last.isEmpty() ? null : last.get(0), nextRun(r), r.source(), r.target(),
                captures.status(r.id()), !(catalog.jobFor(r) instanceof ChangeJob), catalog.jobFor(r).parameters(),
                starts == null ? null : starts.problem(), starts == null ? null : starts.attempts(),
                starts == null || starts.nextAttempt() == null ? null : LocalDateTime.ofInstant(starts.nextAttempt(), zone));
    }

    /** The cron Quartz is running for the route now (from its Camel endpoint), or null when it is not started or not scheduled. */
    public String scheduledCron(String routeId) {
        ServiceStatus state = camel.getRouteController().getRouteStatus(routeId);
        if (state == null || !state.isStarted()) return null;
        return camel.getRoute(routeId).getEndpoint() instanceof QuartzEndpoint quartz ? quartz.getCron() : null;
    }

    /** The next fire time of the route's Quartz trigger when Camel runs it; null otherwise (then the cron says). */
    private Date quartzNextFire(String routeId) {
        ServiceStatus state = camel.getRouteController().getRouteStatus(routeId);
        if (state == null || !state.isStarted() || !(camel.getRoute(routeId).getEndpoint() instanceof QuartzEndpoint quartz)) return null;
        try {
            org.quartz.Trigger trigger = quartz.getComponent().getScheduler().getTrigger(quartz.getTriggerKey());
            return trigger == null ? null : trigger.getNextFireTime();
        } catch (org.quartz.SchedulerException | RuntimeException e) {
            return null;
        }
    }

    /** When the route's schedule fires next (in the hub's time zone); null when stopped or unscheduled. */
    LocalDateTime nextRun(RouteDefinition r) {
        if (!r.isEnabled() || r.schedule() == null || r.schedule().isBlank()) return null;
        Date fires = quartzNextFire(r.id());
        if (fires != null) return LocalDateTime.ofInstant(fires.toInstant(), zone);
        try {
            CronExpression cron = new CronExpression(r.schedule());
            cron.setTimeZone(TimeZone.getTimeZone(zone));
            Date next = cron.getNextValidTimeAfter(Date.from(clock.instant()));
            return next == null ? null : LocalDateTime.ofInstant(next.toInstant(), zone);
        } catch (ParseException e) {
            return null;
        }
    }

    public RouteCatalog.ReloadResult reload(String actor) {
        RouteCatalog.ReloadResult result = catalog.reload();
        audit.record(actor, "RELOAD", "routes", null, "loaded " + result.routes() + ", rejected " + result.rejected());
        return result;
    }

    public RouteStatus start(String id, String actor) { return setEnabled(id, true, actor); }

    public RouteStatus stop(String id, String actor) { return setEnabled(id, false, actor); }

    private RouteStatus setEnabled(String id, boolean enabled, String actor) {
        RouteDefinition r = catalog.get(id);
        String before = editor.set(r.file(), "autoStartup", Boolean.toString(enabled));
        catalog.reload();
        audit.record(actor, enabled ? "START" : "STOP", "route " + id, "autoStartup: " + (before == null ? "true" : before),
                "autoStartup: " + enabled);
        return status(id);
    }

    /** Validates the cron, writes it to the route's file (comments kept) and reloads. */
    public RouteStatus changeSchedule(String id, String cron, String actor) {
        RouteDefinition r = catalog.get(id);
        if (cron == null || !CronExpression.isValidExpression(cron.trim())) {
            throw new Refusal("'" + cron + "' is not a valid Quartz cron expression "
                    + "(seconds minutes hours day-of-month month day-of-week [year]), e.g. 0 0/5 * * * ?", "pipeline.refused.badCron", cron);
        }
        if (r.schedule() == null) {
            throw new Refusal("route " + id + " is not started by Quartz: give it a quartz: start with a cron in "
                    + r.file().getFileName() + " (see docs/file-formats.md)", "pipeline.refused.notQuartz", id, r.file().getFileName());
        }
        String value = cron.trim();
        editor.set(r.file(), "cron", "\"" + value.replace("\"", "") + "\"");
        catalog.reload();
        audit.record(actor, "SCHEDULE", "route " + id, r.schedule(), value);
        return status(id);
    }

    /**
     * Runs the route for a console or HTTP caller: a parameter naming a server path is refused; the
     * run's files go to the output folder (Trigger.MANUAL).
     */
    public RunSummary runNow(String id, String actor, Map<String, String> given) {
        String pathLike = RunParameters.pathLike(given);
        if (pathLike != null) throw new RunParameters.PathParameterException(pathLike);
        runner.checkRunnable(id);
        // a form's empty fields are parameters not given
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        if (given != null) given.forEach((k, v) -> { if (v != null && !v.isBlank()) parameters.put(k, v.trim()); });
        catalog.jobFor(catalog.get(id)).checkParameters(parameters);
        audit.record(actor, "RUN", "route " + id, null, parameters == null || parameters.isEmpty() ? null : parameters.toString());
        return runner.run(id, Trigger.MANUAL, actor, parameters);
    }

    /** Replays a dead letter once: a second replay (or a concurrent one) is refused. */
    public RunSummary replay(long deadLetterId, String actor) {
        DeadLetters.DeadLetter letter = deadLetters.find(deadLetterId);
        if ("cdc-event".equals(letter.payload().get("kind"))) return replayChange(letter, actor);
        if (!deadLetters.claim(deadLetterId, actor)) {
            throw new AlreadyReplayedException(deadLetterId, letter.state());
        }
        RunSummary summary;
        try {
            summary = runner.run(letter.routeId(), Trigger.REPLAY, actor, letter.payload());
        } catch (RuntimeException e) {
            deadLetters.release(deadLetterId, e.getMessage());
            throw e;
        }
        deadLetters.finish(deadLetterId, summary);
        audit.record(actor, "REPLAY", "dead letter " + deadLetterId + " of route " + letter.routeId(), letter.state(),
                summary.succeeded() ? "REPLAYED by run " + summary.runId() : "NEW (replay run " + summary.runId() + " failed)");
        return summary;
    }

    /**
     * A change event of a CDC route, delivered again through the route (its step, error handling and all) from the
     * event the letter keeps whole, past the idempotent consumer that saw it fail; the letter's claim makes it once.
     */
    private RunSummary replayChange(DeadLetters.DeadLetter letter, String actor) {
        long id = letter.id();
        String routeId = letter.routeId();
        String event = deadLetters.event(id);
        if (event == null) {
            // Kept before letters held the event: nothing to deliver; the letter and its error stay as they are.
            throw new Refusal("dead letter " + id + " is a change event of the CDC route " + routeId
                    + " kept without the event itself: it cannot be replayed; fix the cause, then change the row "
                    + letter.payload().get("key") + " again at the source", "pipeline.refused.noEvent", String.valueOf(id), routeId, letter.payload().get("key"));
        }
        org.apache.camel.Route route = camel.getRoute(routeId);
        ServiceStatus state = camel.getRouteController().getRouteStatus(routeId);
        if (route == null || state == null || !state.isStarted()
                || !(route.getConsumer() instanceof io.etlhub.connector.RedeliveringConsumer consumer)) {
            throw new Refusal("route " + routeId + " is not started: start it, then replay dead letter " + id,
                    "pipeline.refused.notStarted", routeId, String.valueOf(id));
        }
        if (!deadLetters.claim(id, actor)) throw new AlreadyReplayedException(id, letter.state());
        LocalDateTime started = LocalDateTime.now(clock);
        Exception failure;
        try {
            org.apache.camel.Exchange done = consumer.redeliver(event, Map.of(RouteRunner.TRIGGER, Trigger.REPLAY.name(),
                    RouteRunner.ACTOR, actor));
            failure = done.getException() != null ? done.getException()
                    : done.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Exception.class);
        } catch (RuntimeException e) {
            deadLetters.release(id, e.getMessage());
            throw e;
        }
        String error = failure == null ? null : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (failure == null) deadLetters.finishEvent(id);
        else deadLetters.release(id, error);
        audit.record(actor, "REPLAY", "dead letter " + id + " of route " + routeId, letter.state(),
                failure == null ? "REPLAYED (change event delivered again)" : "NEW (replay failed: " + error + ")");
        return new RunSummary(0, routeId, failure == null ? "SUCCEEDED" : "FAILED", started, LocalDateTime.now(clock),
                Map.of("redelivered", failure == null ? 1L : 0L), error, Map.of());
    }

    public static class AlreadyReplayedException extends Refusal {
        AlreadyReplayedException(long id, String state) {
            super("dead letter " + id + " is " + state + ": it is replayed once only", "pipeline.refused.replayed", String.valueOf(id),
                    new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] {"console.deadLetters.state." + state}, null, state));
        }
    }
}
