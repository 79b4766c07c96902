package io.etlhub.quality;

import io.etlhub.connector.debezium.CdcEngines;
import io.etlhub.crm.Crm;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/** Starts the stage capture when etlhub.quality.stage-capture.enabled=true (a MySQL/MariaDB CRM). */
@Configuration
@ConditionalOnProperty(name = "etlhub.quality.stage-capture.enabled", havingValue = "true")
class StageCaptureConfiguration {

    @Bean
    StageCaptureSettings stageCaptureSettings(Crm crm,
                                              @Value("${etlhub.quality.stage-capture.connector:crm-cdc}") String connector,
                                              @Value("${etlhub.quality.stage-capture.offset-flush-interval-ms:1000}") long flushMs,
                                              @Value("${etlhub.quality.stage-capture.start-grace-seconds:60}") int graceSeconds) {
        return new StageCaptureSettings(connector, crm.table("opportunity"), flushMs, graceSeconds);
    }

    /** Also a bean a route file can call: {@code - bean: {ref: stageChangeRecorder}}. */
    @Bean
    StageChangeRecorder stageChangeRecorder(JdbcTemplate hub, StageCaptureSettings settings, Clock clock) {
        return new StageChangeRecorder(hub, settings, clock.getZone(), clock);
    }

    @Bean
    StageCapture stageCapture(CamelContext camel, StageCaptureSettings settings, StageChangeRecorder recorder, CdcEngines engines)
            throws Exception {
        StageCapture capture = new StageCapture(camel, settings, recorder, engines);
        capture.install();
        return capture;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start(ApplicationReadyEvent event) throws Exception {
        if (event.getApplicationContext().getEnvironment().getProperty("etlhub.cli", Boolean.class, false)) return;
        event.getApplicationContext().getBean(StageCapture.class).start();
    }
}
