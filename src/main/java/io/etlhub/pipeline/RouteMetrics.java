package io.etlhub.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's domain meters. Runs, failures and durations are Camel's own route metrics (the
 * camel-micrometer route policy: camel_exchanges_total{routeId}, camel_exchanges_failures_handled_total,
 * camel_route_policy_seconds); nothing here counts runs a second time. Here: one counter per kind,
 * named after it, with the kind's own counters as the {@code count} tag
 * (etlhub_receipts_total{route,count="applied"}, etlhub_health_report_total{count="findings"}, ...),
 * and etlhub_route_lag_seconds{route}: seconds since the start of the last successful run, i.e. how
 * far at most the targets are behind the source.
 */
@Component
public class RouteMetrics {
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();

    public RouteMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Prometheus name of a kind's counter: etlhub_<kind>_total. */
    public static String prometheusName(String kind) {
        return "etlhub_" + kind.replace('-', '_') + "_total";
    }

    private static String meterName(String kind) {
        return "etlhub." + kind.replace('-', '.');
    }

    /** Registers a route's meters at zero when it is loaded, so dashboards see them before the first run. */
    void register(String route, String kind, List<String> counters) {
        for (String name : counters) counter(route, kind, name);
        lastSuccess.computeIfAbsent(route, id -> {
            Gauge.builder("etlhub.route.lag", this, m -> m.lagSeconds(id)).tag("route", id).baseUnit("seconds")
                    .description("Seconds since the start of the route's last successful run").register(registry);
            return Instant.EPOCH;
        });
    }

    private Counter counter(String route, String kind, String name) {
        return Counter.builder(meterName(kind)).tag("route", route).tag("count", name)
                .description("Counters of the " + kind + " runs, named by the kind").register(registry);
    }

    private double lagSeconds(String route) {
        Instant last = lastSuccess.getOrDefault(route, Instant.EPOCH);
        return last.equals(Instant.EPOCH) ? Double.NaN : Duration.between(last, clock.instant()).toMillis() / 1000.0;
    }

    void recordRun(String kind, RunContext c, boolean succeeded, Instant started) {
        c.counts().forEach((name, n) -> counter(c.routeId(), kind, name).increment(n));
        if (succeeded) lastSuccess.put(c.routeId(), started);
    }
}
