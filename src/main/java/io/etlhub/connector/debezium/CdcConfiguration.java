package io.etlhub.connector.debezium;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.DeadLetterSink;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;

/** The etlhub-cdc Camel component (found by Camel under its bean name) and what it shares. */
@Configuration
class CdcConfiguration {

    @Bean(destroyMethod = "close")
    CdcStore cdcStore(DataSource hub) {
        return new CdcStore(hub);
    }

    @Bean
    SeenEvents cdcSeenEvents(JdbcTemplate hub, Clock clock) {
        return new SeenEvents(hub, clock);
    }

    @Bean
    CdcEngines cdcEngines(MeterRegistry meters, Clock clock, @Value("${etlhub.cdc.max-lag-seconds:300}") long maxLagSeconds) {
        return new CdcEngines(meters, clock, Duration.ofSeconds(maxLagSeconds));
    }

    /** Actuator health "cdc". */
    @Bean
    HealthIndicator cdcHealthIndicator(CdcEngines engines) {
        return engines::overall;
    }

    @Bean("etlhub-cdc")
    CdcComponent etlhubCdcComponent(ConnectorCatalog connectors, CdcStore store, SeenEvents seen, DeadLetterSink deadLetters,
                                    CdcEngines engines, Clock clock, PlatformTransactionManager hubTransactions) {
        return new CdcComponent(connectors, store, seen, deadLetters, engines, clock, new TransactionTemplate(hubTransactions));
    }
}
