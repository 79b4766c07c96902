package io.etlhub.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Micrometer meters per route. Prometheus names (the Grafana dashboards use exactly these, and
 * {@link #PROMETHEUS_NAMES} lists them for the test that checks the dashboards):
 * etlhub_route_rows_total{route,outcome}, etlhub_route_runs_total{route,status},
 * etlhub_route_failures_total{route}, etlhub_route_run_duration_seconds{route} (count/sum/max) and
 * etlhub_route_lag_seconds{route}: seconds since the start of the last successful run, i.e. how far
 * at most the targets are behind the source.
 */
@Component
public class RouteMetrics {
    public static final List<String> PROMETHEUS_NAMES = List.of(
            "etlhub_route_rows_total", "etlhub_route_runs_total", "etlhub_route_failures_total",
            "etlhub_route_run_duration_seconds_count", "etlhub_route_run_duration_seconds_sum",
            "etlhub_route_run_duration_seconds_max", "etlhub_route_lag_seconds");

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();

    public RouteMetrics(MeterRegistry registry, Clock clock, RouteCatalog routes) {
        this.registry = registry;
        this.clock = clock;
        for (RouteDefinition r : routes.all()) register(r.id());
    }

    private void register(String route) {
        lastSuccess.computeIfAbsent(route, id -> {
            Gauge.builder("etlhub.route.lag", this, m -> m.lagSeconds(id)).tag("route", id).baseUnit("seconds")
                    .description("Seconds since the start of the route's last successful run").register(registry);
            return Instant.EPOCH;
        });
    }

    private double lagSeconds(String route) {
        Instant last = lastSuccess.getOrDefault(route, Instant.EPOCH);
        return last.equals(Instant.EPOCH) ? Double.NaN : Duration.between(last, clock.instant()).toMillis() / 1000.0;
    }

    void recordRun(RunContext c, String status, Instant started, Duration duration) {
        String route = c.routeId();
        register(route);
        rows(route, "read", c.read.get());
        rows(route, "applied", c.applied.get());
        rows(route, "reversed", c.reversed.get());
        rows(route, "unmatched", c.unmatched.get());
        rows(route, "unchanged", c.unchanged.get());
        rows(route, "failed", c.failed.get());
        Counter.builder("etlhub.route.runs").tag("route", route).tag("status", status).register(registry).increment();
        Counter failures = Counter.builder("etlhub.route.failures").tag("route", route)
                .description("Failed runs plus records the run could not process").register(registry);
        failures.increment(c.failed.get() + ("FAILED".equals(status) ? 1 : 0));
        Timer.builder("etlhub.route.run.duration").tag("route", route).register(registry).record(duration);
        if ("SUCCEEDED".equals(status)) lastSuccess.put(route, started);
    }

    private void rows(String route, String outcome, long n) {
        Counter.builder("etlhub.route.rows").tag("route", route).tag("outcome", outcome).register(registry).increment(n);
    }
}
