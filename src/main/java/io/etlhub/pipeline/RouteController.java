package io.etlhub.pipeline;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api")
class RouteController {
    private final RouteCatalog routes;
    private final RunHistory history;
    private final RouteAdmin admin;
    private final DeadLetters deadLetters;
    private final AuditLog audit;
    private final OutputFolder output;
    private final ApiErrors errors;

    RouteController(RouteCatalog routes, RunHistory history, RouteAdmin admin, DeadLetters deadLetters, AuditLog audit,
                    OutputFolder output, ApiErrors errors) {
        this.output = output;
        this.errors = errors;
        this.routes = routes;
        this.history = history;
        this.admin = admin;
        this.deadLetters = deadLetters;
        this.audit = audit;
    }

    @GetMapping("/routes")
    List<RouteAdmin.RouteStatus> list() {
        return admin.list();
    }

    /** Runs the route now and answers with the finished run. */
    @PostMapping("/routes/{id}/runs")
    ResponseEntity<RunSummary> run(@PathVariable String id, @RequestBody(required = false) Map<String, String> parameters,
                                   Principal principal) {
        RunSummary summary = admin.runNow(id, actor(principal), parameters);
        return ResponseEntity.status(summary.succeeded() ? HttpStatus.OK : HttpStatus.INTERNAL_SERVER_ERROR).body(summary);
    }

    /** 200 when the route started; 202 when its source is down and Camel retries the start with back-off (state Restarting). */
    @PostMapping("/routes/{id}/start")
    ResponseEntity<RouteAdmin.RouteStatus> start(@PathVariable String id, Principal principal) {
        RouteAdmin.RouteStatus status = admin.start(id, actor(principal));
        return ResponseEntity.status(SupervisedStarts.RESTARTING.equals(status.state()) ? HttpStatus.ACCEPTED : HttpStatus.OK).body(status);
    }

    @PostMapping("/routes/{id}/stop")
    RouteAdmin.RouteStatus stop(@PathVariable String id, Principal principal) {
        return admin.stop(id, actor(principal));
    }

    record ScheduleChange(String schedule) {}

    @PostMapping("/routes/{id}/schedule")
    RouteAdmin.RouteStatus schedule(@PathVariable String id, @RequestBody ScheduleChange change, Principal principal) {
        return admin.changeSchedule(id, change.schedule(), actor(principal));
    }

    @PostMapping("/routes/reload")
    RouteCatalog.ReloadResult reload(Principal principal) {
        return admin.reload(actor(principal));
    }

    @GetMapping("/routes/problems")
    List<String> problems() {
        return routes.problems();
    }

    @GetMapping("/runs/{runId}/dead-letters")
    List<DeadLetters.DeadLetter> runDeadLetters(@PathVariable long runId) {
        return deadLetters.list(null, runId, 1000);
    }

    @GetMapping("/dead-letters")
    List<DeadLetters.DeadLetter> deadLetters(@RequestParam(required = false) String state,
                                             @RequestParam(defaultValue = "100") int limit) {
        return deadLetters.list(state, null, limit);
    }

    @PostMapping("/dead-letters/{id}/replay")
    ResponseEntity<RunSummary> replay(@PathVariable long id, Principal principal) {
        RunSummary summary = admin.replay(id, actor(principal));
        return ResponseEntity.status(summary.succeeded() ? HttpStatus.OK : HttpStatus.INTERNAL_SERVER_ERROR).body(summary);
    }

    @GetMapping("/audit")
    List<AuditLog.Entry> audit(@RequestParam(defaultValue = "100") int limit) {
        return audit.recent(limit);
    }

    private static String actor(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }

    @GetMapping("/routes/{id}/runs")
    List<RunSummary> runs(@PathVariable String id, @RequestParam(defaultValue = "50") int limit) {
        routes.get(id);
        return history.recent(id, limit);
    }

    @GetMapping("/runs")
    List<RunSummary> allRuns(@RequestParam(defaultValue = "50") int limit) {
        return history.recent(null, limit);
    }

    /** A file a run wrote into the output folder (its summary's outputs name it). */
    @GetMapping("/runs/{runId}/files/{name}")
    ResponseEntity<org.springframework.core.io.Resource> file(@PathVariable long runId, @PathVariable String name) {
        return output.find(runId, name).<ResponseEntity<org.springframework.core.io.Resource>>map(f -> ResponseEntity.ok()
                        .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + f.getFileName() + "\"")
                        .contentType(name.endsWith(".xlsx")
                                ? org.springframework.http.MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                                : org.springframework.http.MediaType.APPLICATION_OCTET_STREAM)
                        .body(new org.springframework.core.io.FileSystemResource(f)))
                .orElseThrow(() -> new NoOutputException(runId, name));
    }

    static final class NoOutputException extends Refusal {
        NoOutputException(long runId, String name) {
            super("run " + runId + " has no output file " + name, "security.run.no-output", runId, name);
        }
    }

    /*
     * Refusals answer {"status", "code", "error"}: code is the bundle key, error the sentence in the reader's language
     * (Accept-Language, zh-CN by default), as the console's ErrorAnswers gives it (ApiErrors).
     */

    @ExceptionHandler({NoOutputException.class, UnknownRouteException.class})
    ResponseEntity<Map<String, Object>> notFound(Refusal e) {
        return errors.refused(HttpStatus.NOT_FOUND, e);
    }

    /** Replayed already; stopped; running: the route's state refuses the action. */
    @ExceptionHandler({RouteAdmin.AlreadyReplayedException.class, RouteStoppedException.class, RouteBusyException.class})
    ResponseEntity<Map<String, Object>> conflict(RuntimeException e) {
        return errors.refused(HttpStatus.CONFLICT, e);
    }

    /**
     * A run-now parameter refused before the run (a bad period, a server path), a bad cron, a route file that cannot
     * be used (its sentence names the file and line; the problem itself is the answer's detail, for admins).
     */
    @ExceptionHandler({io.etlhub.connector.ConfigFileException.class, IllegalArgumentException.class})
    ResponseEntity<Map<String, Object>> invalid(RuntimeException e) {
        return errors.refused(HttpStatus.BAD_REQUEST, e);
    }
}
