package io.etlhub.demo;

import io.etlhub.pipeline.RouteCatalog;
import io.etlhub.pipeline.RouteDefinition;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * In the embedded demo, runs the receipts and customer-view routes once at start so the result is there to look at (and,
 * after a restart, what the ERP stand-ins gained meanwhile) without waiting for the schedule.
 */
@Component
@ConditionalOnWebApplication
class DemoFirstRun {
    private static final Logger log = LoggerFactory.getLogger(DemoFirstRun.class);

    private final DemoSeeder seeder;
    private final RouteCatalog routes;
    private final RouteRunner runner;
    private final boolean enabled;

    DemoFirstRun(DemoSeeder seeder, RouteCatalog routes, RouteRunner runner,
                 @Value("${etlhub.demo.run-on-start:true}") boolean enabled) {
        this.seeder = seeder;
        this.routes = routes;
        this.runner = runner;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void runReceiptRoutes() {
        if (!enabled || !seeder.demo()) return;
        for (RouteDefinition route : routes.all()) {
            if (!List.of("receipts", "customer-view").contains(route.kind()) || !route.isEnabled()) continue;
            RunSummary s;
            try {
                s = runner.run(route.id(), Trigger.MANUAL, "demo", Map.of());
            } catch (RuntimeException e) {
                log.warn("demo first run of {} not done: {}", route.id(), e.getMessage());
                continue;
            }
            log.info("demo first run of {}: {}", route.id(), s.counts());
        }
    }
}
