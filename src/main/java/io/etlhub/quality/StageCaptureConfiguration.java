package io.etlhub.quality;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.CrmSchema;
import io.etlhub.connector.MappingCatalog;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Starts the stage capture when etlhub.quality.stage-capture.enabled=true (a MySQL/MariaDB CRM). */
@Configuration
@ConditionalOnProperty(name = "etlhub.quality.stage-capture.enabled", havingValue = "true")
class StageCaptureConfiguration {

    @Bean
    StageCapture stageCapture(CamelContext camel, ConnectorCatalog connectors, MappingCatalog mappings, JdbcTemplate hub, Clock clock,
                              @Value("${etlhub.quality.stage-capture.data-dir:data/cdc}") String dataDir,
                              @Value("${etlhub.quality.stage-capture.offset-flush-interval-ms:1000}") long flushMs,
                              @Value("${etlhub.quality.stage-capture.start-grace-seconds:60}") long graceSeconds) throws Exception {
        CrmSchema crm = mappings.read("crm", CrmSchema.class);
        StageCaptureSettings settings = StageCaptureSettings.of(connectors.get("crm-cdc"), crm.table("opportunity"), Path.of(dataDir), flushMs);
        StageCapture capture = new StageCapture(camel, settings, new StageChangeRecorder(hub, settings, clock.getZone(), clock),
                Duration.ofSeconds(graceSeconds));
        capture.install();
        return capture;
    }

    @Bean
    HealthIndicator stageCaptureHealth(StageCapture capture) {
        return capture::health;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start(ApplicationReadyEvent event) throws Exception {
        if (event.getApplicationContext().getEnvironment().getProperty("etlhub.cli", Boolean.class, false)) return;
        event.getApplicationContext().getBean(StageCapture.class).start();
    }
}
