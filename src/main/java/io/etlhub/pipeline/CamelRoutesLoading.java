package io.etlhub.pipeline;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;

/** Hands the validated routes/ files and the routes' health checks to the Camel context before it starts. */
@Component
class CamelRoutesLoading implements CamelContextConfiguration {
    private final RouteCatalog catalog;
    private final RouteRunHealthChecks health;

    CamelRoutesLoading(RouteCatalog catalog, RouteRunHealthChecks health) {
        this.catalog = catalog;
        this.health = health;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(camel);
        if (registry != null) registry.register(health);
        try {
            catalog.attach(camel);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load routes/ into Camel: " + e.getMessage(), e);
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        // nothing: the routes start with the context (or under the supervising route controller)
    }
}
