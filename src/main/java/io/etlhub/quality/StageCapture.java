package io.etlhub.quality;

import io.etlhub.connector.debezium.CdcEngines;
import io.etlhub.connector.debezium.CdcStatus;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.actuate.health.Health;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The capture of opportunity stage changes as a Camel route: {@code from etlhub-cdc:<connector>}
 * (the debezium connector kind: offsets and schema history in the hub store, replays skipped,
 * failures dead-lettered) to the {@link StageChangeRecorder}. Stop and start it like any Camel route.
 */
public class StageCapture {
    private final CamelContext camel;
    private final StageCaptureSettings settings;
    private final StageChangeRecorder recorder;
    private final CdcEngines engines;
    private final AtomicLong captured = new AtomicLong();

    public StageCapture(CamelContext camel, StageCaptureSettings settings, StageChangeRecorder recorder, CdcEngines engines) {
        this.camel = camel;
        this.settings = settings;
        this.recorder = recorder;
        this.engines = engines;
    }

    public void install() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(settings.endpointUri()).routeId(settings.routeId()).autoStartup(false)
                        .description("CRM 商机阶段变更捕获").process(StageCapture.this::onChange);
            }
        });
    }

    public void start() throws Exception {
        camel.getRouteController().startRoute(settings.routeId());
    }

    public void stop() throws Exception {
        camel.getRouteController().stopRoute(settings.routeId());
    }

    public void uninstall() throws Exception {
        stop();
        camel.removeRoute(settings.routeId());
    }

    void onChange(Exchange exchange) {
        if (recorder.record(exchange)) captured.incrementAndGet();
    }

    public long captured() { return captured.get(); }

    /** Whether the connector is reading the binlog right now. */
    public boolean streaming() {
        CdcStatus status = engines.status(settings.routeId());
        return status != null && status.streaming();
    }

    public Health health() {
        return engines.health(settings.routeId());
    }
}
