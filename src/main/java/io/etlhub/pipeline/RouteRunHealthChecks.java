package io.etlhub.pipeline;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Camel health check per route in routes/ (id {@code route-run:<route>}, readiness): DOWN when the
 * route's last run failed or its source connector does not answer; Camel's own route checks report
 * whether the route is started. Shown by /actuator/health with Camel's other checks.
 */
@Component
class RouteRunHealthChecks implements HealthCheckRepository {
    static final String PREFIX = "route-run:";
    private static final int SOURCE_TIMEOUT_SECONDS = 4;

    private final RouteCatalog catalog;
    private final RunHistory history;
    private final SourceProbe probe;
    private boolean enabled = true;

    RouteRunHealthChecks(RouteCatalog catalog, RunHistory history, SourceProbe probe) {
        this.catalog = catalog;
        this.history = history;
        this.probe = probe;
    }

    @Override
    public String getId() { return "etlhub-route-runs"; }

    @Override
    public boolean isEnabled() { return enabled; }

    @Override
    public void setEnabled(boolean enabled) { this.enabled = enabled; }

    @Override
    public Stream<HealthCheck> stream() {
        return enabled ? catalog.all().stream().map(r -> new RouteRunCheck(r.id())) : Stream.empty();
    }

    private final class RouteRunCheck extends AbstractHealthCheck {
        private final String routeId;

        RouteRunCheck(String routeId) {
            super("etlhub", PREFIX + routeId);
            this.routeId = routeId;
        }

        @Override
        public boolean isLiveness() { return false; }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            builder.detail("route.id", routeId);
            List<RunSummary> last = history.recent(routeId, 1);
            if (!last.isEmpty()) {
                RunSummary run = last.get(0);
                builder.detail("last.run", run.runId()).detail("last.run.status", run.status());
                if ("FAILED".equals(run.status())) {
                    builder.down().message("last run " + run.runId() + " failed: " + run.error());
                    return;
                }
            }
            RouteDefinition route = catalog.all().stream().filter(r -> r.id().equals(routeId)).findFirst().orElse(null);
            String source = route == null || route.source() == null ? null : route.source().connector();
            if (source != null) {
                String problem = probe.unreachable(source, SOURCE_TIMEOUT_SECONDS);
                if (problem != null) {
                    builder.down().message("source " + source + " unreachable: " + problem);
                    return;
                }
            }
            builder.up();
        }
    }
}
