package io.etlhub.pipeline;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.net.URLEncoder;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns every enabled route file with a schedule into a Camel Quartz route. After a reload only the
 * routes whose schedule changed are replaced; the others keep their triggers (and a run in progress
 * is never interrupted: the run holds the route lock, not the Camel route). All runs go through
 * {@link RouteRunner}.
 */
@Component
@ConditionalOnProperty(name = "etlhub.scheduler.enabled", havingValue = "true", matchIfMissing = true)
class RouteScheduling extends RouteBuilder {
    private static final Logger log = LoggerFactory.getLogger(RouteScheduling.class);

    private final RouteCatalog routes;
    private final RouteRunner runner;
    private final String timeZone;

    /** Crons fire in the hub's time zone (etlhub.time-zone, the zone of the Clock bean). */
    RouteScheduling(RouteCatalog routes, RouteRunner runner, Clock clock) {
        this.routes = routes;
        this.runner = runner;
        this.timeZone = clock.getZone().getId();
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
        for (RouteDefinition route : routes.all()) schedule(this, route);
    }

    static String camelRouteId(String routeId) { return "schedule-" + routeId; }

    private static String activeCron(RouteDefinition route) {
        if (route == null || !route.isEnabled() || route.schedule() == null || route.schedule().isBlank()) return null;
        return route.schedule();
    }

    private void schedule(RouteBuilder builder, RouteDefinition route) {
        String cron = activeCron(route);
        if (cron == null) return;
        String routeId = route.id();
        builder.from("quartz://etlhub/" + routeId + "?cron=" + URLEncoder.encode(cron, StandardCharsets.UTF_8)
                        + "&stateful=true&trigger.timeZone=" + timeZone)
                .routeId(camelRouteId(routeId))
                .process(exchange -> runScheduled(routeId));
    }

    @EventListener
    void onReload(RouteCatalog.RoutesReloaded event) throws Exception {
        CamelContext camel = getContext();
        Set<String> ids = new HashSet<>(event.before().keySet());
        ids.addAll(event.after().keySet());
        for (String id : ids) {
            String before = activeCron(event.before().get(id));
            String after = activeCron(event.after().get(id));
            if (Objects.equals(before, after) && (after == null) == (camel.getRoute(camelRouteId(id)) == null)) continue;
            if (camel.getRoute(camelRouteId(id)) != null) {
                camel.getRouteController().stopRoute(camelRouteId(id));
                camel.removeRoute(camelRouteId(id));
            }
            RouteDefinition route = event.after().get(id);
            if (after != null) {
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() { schedule(this, route); }
                });
            }
            log.info("route {} schedule changed: {} -> {}", id, before, after);
        }
    }

    /** The cron the scheduler is running for the route now, or null when it is not scheduled. */
    String scheduledCron(String routeId) {
        var camelRoute = getContext().getRoute(camelRouteId(routeId));
        if (camelRoute == null) return null;
        String uri = camelRoute.getEndpoint().getEndpointUri();
        int at = uri.indexOf("cron=");
        if (at < 0) return null;
        int end = uri.indexOf('&', at);
        return java.net.URLDecoder.decode(uri.substring(at + 5, end < 0 ? uri.length() : end), StandardCharsets.UTF_8);
    }
}
