package io.etlhub.quality;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.kafka.connect.data.Struct;
import org.springframework.boot.actuate.health.Health;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Debezium capture of opportunity stage changes as a Camel route (embedded engine, no Kafka).
 * Stop and start it like any Camel route; offsets and schema history are files in the data dir.
 * Health reads the connector's own "Connected" metric: a connector whose configuration was
 * rejected leaves a started route that silently captures nothing, and that must show as DOWN.
 */
public class StageCapture {
    private final CamelContext camel;
    private final StageCaptureSettings settings;
    private final StageChangeRecorder recorder;
    private final Duration startGrace;
    private final AtomicLong captured = new AtomicLong();
    private final AtomicReference<Instant> startedAt = new AtomicReference<>();
    private final AtomicReference<Instant> lastChangeAt = new AtomicReference<>();

    public StageCapture(CamelContext camel, StageCaptureSettings settings, StageChangeRecorder recorder, Duration startGrace) {
        this.camel = camel;
        this.settings = settings;
        this.recorder = recorder;
        this.startGrace = startGrace;
    }

    public void install() throws Exception {
        Files.createDirectories(settings.dataDir());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(settings.endpointUri()).routeId(settings.routeId()).autoStartup(false).process(StageCapture.this::onChange);
            }
        });
    }

    public void start() throws Exception {
        startedAt.set(Instant.now());
        camel.getRouteController().startRoute(settings.routeId());
    }

    public void stop() throws Exception {
        camel.getRouteController().stopRoute(settings.routeId());
    }

    public void uninstall() throws Exception {
        stop();
        camel.removeRoute(settings.routeId());
    }

    @SuppressWarnings("unchecked")
    void onChange(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        Object before = exchange.getMessage().getHeader("CamelDebeziumBefore");
        boolean stored = recorder.record(exchange.getMessage().getHeader("CamelDebeziumOperation", String.class),
                before instanceof Struct b ? b : null, body instanceof Struct a ? a : null,
                exchange.getMessage().getHeader("CamelDebeziumSourceMetadata", Map.class));
        if (stored) {
            captured.incrementAndGet();
            lastChangeAt.set(Instant.now());
        }
    }

    public long captured() { return captured.get(); }

    /** Whether the connector is connected to the binlog right now (its streaming metric). */
    public boolean streaming() {
        try {
            Object connected = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName(settings.streamingMetricsName()), "Connected");
            return Boolean.TRUE.equals(connected);
        } catch (Exception notRegistered) {
            return false;
        }
    }

    public Health health() {
        ServiceStatus status = camel.getRouteController().getRouteStatus(settings.routeId());
        Health.Builder h = new Health.Builder().withDetail("route", settings.routeId()).withDetail("flavour", settings.flavour())
                .withDetail("captured", captured.get()).withDetail("lastChangeAt", String.valueOf(lastChangeAt.get()));
        if (status == null || !status.isStarted()) return h.down().withDetail("reason", "capture route is " + status).build();
        if (streaming()) return h.up().build();
        Instant started = startedAt.get();
        if (started != null && Instant.now().isBefore(started.plus(startGrace))) {
            return h.unknown().withDetail("reason", "connector starting").build();
        }
        return h.down().withDetail("reason", "route started but the connector is not streaming the binlog "
                + "(check the connector settings, ssl mode and the user's replication grants)").build();
    }
}
