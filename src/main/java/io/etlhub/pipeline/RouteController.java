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
    private final RouteRunner runner;
    private final RunHistory history;
    private final RouteLocks locks;

    RouteController(RouteCatalog routes, RouteRunner runner, RunHistory history, RouteLocks locks) {
        this.routes = routes;
        this.runner = runner;
        this.history = history;
        this.locks = locks;
    }

    record RouteView(String id, String description, String kind, boolean enabled, String schedule, boolean running,
                     RouteDefinition.Endpoint source, RouteDefinition.Endpoint target) {}

    @GetMapping("/routes")
    List<RouteView> list() {
        return routes.all().stream().map(r -> new RouteView(r.id(), r.description(), r.kind(), r.isEnabled(),
                r.schedule(), locks.isRunning(r.id()), r.source(), r.target())).toList();
    }

    /** Runs the route now and answers with the finished run. */
    @PostMapping("/routes/{id}/runs")
    ResponseEntity<RunSummary> run(@PathVariable String id, @RequestBody(required = false) Map<String, String> parameters,
                                   Principal principal) {
        RunSummary summary = runner.run(id, Trigger.MANUAL, principal == null ? "anonymous" : principal.getName(), parameters);
        return ResponseEntity.status(summary.succeeded() ? HttpStatus.OK : HttpStatus.INTERNAL_SERVER_ERROR).body(summary);
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

    @ExceptionHandler(UnknownRouteException.class)
    ResponseEntity<Map<String, String>> unknown(UnknownRouteException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(RouteBusyException.class)
    ResponseEntity<Map<String, String>> busy(RouteBusyException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }
}
