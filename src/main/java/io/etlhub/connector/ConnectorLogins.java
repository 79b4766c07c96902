package io.etlhub.connector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pools open lazily (a connector that cannot log in fails only what uses it, and `run check` still
 * starts), so the server says at start, and on /actuator/health, which connectors cannot log in: one
 * line each, cause first, instead of the first run failing minutes later.
 */
@Component("connectors")
class ConnectorLogins implements HealthIndicator {
    private static final Logger log = LoggerFactory.getLogger(ConnectorLogins.class);

    private final ConnectorCatalog connectors;
    private final boolean cli;

    ConnectorLogins(ConnectorCatalog connectors, @Value("${etlhub.cli:false}") boolean cli) {
        this.connectors = connectors;
        this.cli = cli;
    }

    @EventListener(ApplicationReadyEvent.class)
    void reportAtStart() {
        if (cli) return; // a one-shot run reports its own connector's failure
        failures().forEach((id, cause) -> log.error("{} (fix: {})", cause.line(), cause.fix()));
    }

    @Override
    public Health health() {
        Map<String, FailureCause> failures = failures();
        Health.Builder health = failures.isEmpty() ? Health.up() : Health.down();
        failures.forEach((id, cause) -> health.withDetail(id, cause.line()));
        return health.build();
    }

    private Map<String, FailureCause> failures() {
        Map<String, FailureCause> failures = new LinkedHashMap<>();
        for (ConnectorDefinition c : connectors.all()) {
            if (!"jdbc".equals(c.kind())) continue;
            try (Connection ignored = connectors.connect(c.id())) {
                // logged in
            } catch (Exception e) {
                failures.put(c.id(), FailureCause.of(e, null));
            }
        }
        return failures;
    }
}
