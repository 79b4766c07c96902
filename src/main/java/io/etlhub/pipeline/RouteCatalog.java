package io.etlhub.pipeline;

import io.etlhub.connector.ConfigFileException;
import io.etlhub.connector.ConfigFiles;
import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.HubConfig;
import io.etlhub.connector.MappingCatalog;
import org.quartz.CronExpression;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The routes/ files, validated against the connectors, the mappings and the known jobs. */
@Component
public class RouteCatalog {
    private final Map<String, RouteDefinition> routes = new TreeMap<>();
    private final Map<String, RouteJob> jobs;

    public RouteCatalog(ConfigFiles files, HubConfig config, ConnectorCatalog connectors,
                        MappingCatalog mappings, List<RouteJob> jobs) {
        this.jobs = jobs.stream().collect(Collectors.toMap(RouteJob::kind, Function.identity()));
        for (Path file : ConfigFiles.list(config.dir("routes"), ".yaml", ".yml")) {
            RouteDefinition route = files.read(file, RouteDefinition.class).withFile(file);
            validate(route, file, connectors, mappings);
            routes.put(route.id(), route);
        }
    }

    private void validate(RouteDefinition r, Path file, ConnectorCatalog connectors, MappingCatalog mappings) {
        String expectedId = ConfigFiles.idOf(file);
        if (r.id() == null || !r.id().equals(expectedId)) {
            throw new ConfigFileException(file, 1, "id must be '" + expectedId + "' (the file name), found '" + r.id() + "'");
        }
        RouteJob job = jobs.get(r.kind());
        if (job == null) {
            throw new ConfigFileException(file, 0, "unknown kind '" + r.kind() + "' (known: " + jobs.keySet() + ")");
        }
        if (r.schedule() != null && !r.schedule().isBlank() && !CronExpression.isValidExpression(r.schedule())) {
            throw new ConfigFileException(file, 0, "schedule '" + r.schedule() + "' is not a valid Quartz cron expression");
        }
        for (RouteDefinition.Endpoint e : new RouteDefinition.Endpoint[] {r.source(), r.target()}) {
            if (e == null) continue;
            try {
                if (e.connector() != null) connectors.get(e.connector());
                if (e.mapping() != null) mappings.file(e.mapping());
            } catch (IllegalArgumentException ex) {
                throw new ConfigFileException(file, 0, ex.getMessage());
            }
        }
        try {
            job.validate(r);
        } catch (RuntimeException ex) {
            throw new ConfigFileException(file, 0, ex.getMessage());
        }
    }

    public RouteDefinition get(String id) {
        RouteDefinition r = routes.get(id);
        if (r == null) throw new UnknownRouteException(id, routes.keySet());
        return r;
    }

    public Collection<RouteDefinition> all() { return routes.values(); }

    RouteJob jobFor(RouteDefinition route) { return jobs.get(route.kind()); }
}
