package io.etlhub.pipeline;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns every enabled route file with a schedule into a Camel Quartz route, and gives every route a
 * {@code direct:} endpoint for on-demand runs. All runs go through {@link RouteRunner}.
 */
@Component
@ConditionalOnProperty(name = "etlhub.scheduler.enabled", havingValue = "true", matchIfMissing = true)
class RouteScheduling extends RouteBuilder {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RouteScheduling.class);

    private final RouteCatalog routes;
    private final RouteRunner runner;
    private final String timeZone;

    RouteScheduling(RouteCatalog routes, RouteRunner runner,
                    @org.springframework.beans.factory.annotation.Value("${etlhub.scheduler.time-zone:Asia/Shanghai}") String timeZone) {
        this.routes = routes;
        this.runner = runner;
        this.timeZone = timeZone;
    }

    private void runScheduled(String routeId) {
        try {
            runner.run(routeId, Trigger.SCHEDULE, "scheduler", Map.of());
        } catch (RouteBusyException e) {
            // The previous run is still going: this tick is skipped, the next one comes.
            log.info("scheduled run of {} skipped: {}", routeId, e.getMessage());
        }
    }

    @Override
    public void configure() {
        for (RouteDefinition route : routes.all()) {
            if (!route.isEnabled() || route.schedule() == null || route.schedule().isBlank()) continue;
            String cron = URLEncoder.encode(route.schedule(), StandardCharsets.UTF_8);
            from("quartz://etlhub/" + route.id() + "?cron=" + cron + "&stateful=true&trigger.timeZone=" + timeZone)
                    .routeId("schedule-" + route.id())
                    .process(exchange -> runScheduled(route.id()));
        }
    }
}
