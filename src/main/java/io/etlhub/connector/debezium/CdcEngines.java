package io.etlhub.connector.debezium;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every capture engine of the hub by route: their state and lag for the console (GET /api/cdc), the
 * health check (actuator "cdc": DOWN when an engine failed, is not streaming after its start grace,
 * or lags more than the allowed time) and the gauge etlhub_cdc_lag_seconds{route}.
 */
public class CdcEngines {
    private record Entry(CdcEngine engine, Duration startGrace) {}

    private final Map<String, Entry> engines = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration maxLag;

    public CdcEngines(MeterRegistry meters, Clock clock, Duration maxLag) {
        this.meters = meters;
        this.clock = clock;
        this.maxLag = maxLag;
    }

    void register(String route, CdcEngine engine, Duration startGrace) {
        boolean first = engines.put(route, new Entry(engine, startGrace)) == null;
        if (first) {
            Gauge.builder("etlhub.cdc.lag", this, e -> e.lagSeconds(route)).baseUnit("seconds").tag("route", route)
                    .description("Time between the source commit and the processing of the last captured change").register(meters);
        }
    }

    void unregister(String route) {
        engines.remove(route);
        var gauge = meters.find("etlhub.cdc.lag").tag("route", route).gauge();
        if (gauge != null) meters.remove(gauge);
    }

    private double lagSeconds(String route) {
        CdcStatus s = status(route);
        return s == null || s.lagMillis() == null ? Double.NaN : s.lagMillis() / 1000.0;
    }

    public CdcStatus status(String route) {
        Entry e = engines.get(route);
        return e == null ? null : e.engine().status(route);
    }

    public List<CdcStatus> all() {
        return engines.keySet().stream().map(this::status).sorted(Comparator.comparing(CdcStatus::route)).toList();
    }

    /** One capture's health: route and engine state, streaming, lag. */
    public Health health(String route) {
        Entry e = engines.get(route);
        if (e == null) return Health.unknown().withDetail("route", route).withDetail("reason", "no capture engine").build();
        CdcStatus s = e.engine().status(route);
        Health.Builder h = new Health.Builder().withDetail("route", route).withDetail("connector", s.connector())
                .withDetail("flavour", s.flavour()).withDetail("state", s.state()).withDetail("processed", s.processed())
                .withDetail("deadLettered", s.deadLettered()).withDetail("lagMillis", String.valueOf(s.lagMillis()));
        switch (s.state()) {
            case FAILED -> { return h.down().withDetail("reason", "the connector is not streaming the binlog: its engine stopped with an error: " + s.lastError()).build(); }
            case STOPPED -> { return h.down().withDetail("reason", "capture is stopped").build(); }
            default -> { }
        }
        if (s.lagMillis() != null && s.lagMillis() > maxLag.toMillis()) {
            return h.down().withDetail("reason", "lagging " + s.lagMillis() + " ms behind the source").build();
        }
        if (s.streaming()) return h.up().build();
        Instant started = s.startedAt();
        if (started != null && clock.instant().isBefore(started.plus(e.startGrace()))) {
            return h.unknown().withDetail("reason", "connector starting").build();
        }
        return h.down().withDetail("reason", "route started but the connector is not streaming the binlog "
                + "(check the connector settings, ssl mode and the user's replication grants)").build();
    }

    /** Every capture: DOWN (or UNKNOWN) when one of them is. */
    public Health overall() {
        if (engines.isEmpty()) return Health.up().withDetail("captures", 0).build();
        Health.Builder all = Health.up();
        for (String route : engines.keySet()) {
            Health one = health(route);
            if (!one.getStatus().equals(org.springframework.boot.actuate.health.Status.UP)
                    && !all.build().getStatus().equals(org.springframework.boot.actuate.health.Status.DOWN)) {
                all.status(one.getStatus());
            }
            all.withDetail(route, one.getDetails());
        }
        return all.build();
    }
}
