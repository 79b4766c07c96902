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

import java.util.Map;

/** In the seeded demo, runs the receipts routes once at start so the result is there to look at. */
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
        if (!enabled || !seeder.seeded()) return;
        for (RouteDefinition route : routes.all()) {
            if (!"receipts".equals(route.kind()) || !route.isEnabled()) continue;
            RunSummary s = runner.run(route.id(), Trigger.MANUAL, "demo", Map.of());
            log.info("demo first run of {}: {}", route.id(), s.counts());
        }
    }
}
