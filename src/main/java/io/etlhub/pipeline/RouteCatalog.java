package io.etlhub.pipeline;

import io.etlhub.connector.ConfigFileException;
import io.etlhub.connector.ConfigFiles;
import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.HubConfig;
import io.etlhub.connector.MappingCatalog;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The routes/ files, validated against the connectors, the mappings and the known jobs. Reloadable:
 * a file that fails validation is rejected (its problem is kept for the console) and the route keeps
 * its last valid definition, so a typo never stops a route that was running.
 */
@Component
public class RouteCatalog {
    private static final Logger log = LoggerFactory.getLogger(RouteCatalog.class);

    private final ConfigFiles files;
    private final HubConfig config;
    private final ConnectorCatalog connectors;
    private final MappingCatalog mappings;
    private final ApplicationEventPublisher events;
    private final Map<String, RouteJob> jobs;
    private volatile Map<String, RouteDefinition> routes = Map.of();
    private volatile List<ConfigFileException> problems = List.of();

    public RouteCatalog(ConfigFiles files, HubConfig config, ConnectorCatalog connectors,
                        MappingCatalog mappings, List<RouteJob> jobs, ApplicationEventPublisher events) {
        this.files = files;
        this.config = config;
        this.connectors = connectors;
        this.mappings = mappings;
        this.events = events;
        this.jobs = jobs.stream().collect(Collectors.toMap(RouteJob::kind, Function.identity()));
        load();
    }

    /** Re-reads routes/ and tells the scheduler what changed. */
    public synchronized ReloadResult reload() {
        Map<String, RouteDefinition> before = routes;
        ReloadResult result = load();
        events.publishEvent(new RoutesReloaded(before, routes));
        return result;
    }

    private synchronized ReloadResult load() {
        Map<String, RouteDefinition> next = new TreeMap<>();
        List<ConfigFileException> rejected = new ArrayList<>();
        for (Path file : ConfigFiles.list(config.dir("routes"), ".yaml", ".yml")) {
            try {
                RouteDefinition route = parse(file);
                next.put(route.id(), route);
            } catch (ConfigFileException e) {
                rejected.add(e);
                log.error("route file rejected, the route keeps its last valid definition: {}", e.getMessage());
                RouteDefinition previous = routes.get(ConfigFiles.idOf(file));
                if (previous != null) next.put(previous.id(), previous);
            }
        }
        rejected.addAll(checkConnectorsAndMappings());
        routes = next;
        problems = List.copyOf(rejected);
        return new ReloadResult(List.copyOf(next.keySet()), rejected.stream().map(Throwable::getMessage).toList());
    }

    /**
     * Connectors and mappings are loaded at start (their pools are not rebuilt on the fly), but an edit
     * to them is checked on every reload too, so a broken file is reported before the next restart
     * would fail on it. Mappings are checked as YAML here; their keys are checked by the routes using them.
     */
    private List<ConfigFileException> checkConnectorsAndMappings() {
        List<ConfigFileException> found = new ArrayList<>();
        for (Path file : ConfigFiles.list(config.dir("connectors"), ".yml", ".yaml")) {
            try {
                io.etlhub.connector.ConnectorDefinition c = files.read(file, io.etlhub.connector.ConnectorDefinition.class);
                if (c.id() == null || !c.id().equals(ConfigFiles.idOf(file))) {
                    throw new ConfigFileException(file, RouteFileLines.of(file).lineOf("id"),
                            "id must be '" + ConfigFiles.idOf(file) + "' (the file name), found '" + c.id() + "'");
                }
            } catch (ConfigFileException e) {
                found.add(withKeyLine(file, e));
            }
        }
        for (Path file : ConfigFiles.list(config.dir("mappings"), ".yml", ".yaml")) {
            try {
                files.readTree(file);
            } catch (ConfigFileException e) {
                found.add(e);
            }
        }
        found.forEach(e -> log.error("configuration file rejected: {}", e.getMessage()));
        return found;
    }

    /** Reads and validates one route file; throws {@link ConfigFileException} with file:line when it is wrong. */
    public RouteDefinition parse(Path file) {
        RouteDefinition route;
        try {
            route = files.read(file, RouteDefinition.class).withFile(file);
        } catch (ConfigFileException e) {
            throw withKeyLine(file, e);
        }
        validate(route, file);
        return route;
    }

    private static final java.util.regex.Pattern UNKNOWN_KEY = java.util.regex.Pattern.compile("Unrecognized field \"([^\"]+)\"");

    /**
     * Jackson reads a record through a buffer, so for an unknown key it reports the end of the file;
     * point at the key's own line instead.
     */
    private static ConfigFileException withKeyLine(Path file, ConfigFileException e) {
        java.util.regex.Matcher m = UNKNOWN_KEY.matcher(e.getMessage());
        if (!m.find()) return e;
        int line = RouteFileLines.of(file).lineOfAnyKey(m.group(1));
        if (line == 0) return e;
        String problem = "unknown key '" + m.group(1) + "' (known keys: see docs/file-formats.md)";
        return new ConfigFileException(file, line, problem);
    }

    private void validate(RouteDefinition r, Path file) {
        RouteFileLines lines = RouteFileLines.of(file);
        String expectedId = ConfigFiles.idOf(file);
        if (r.id() == null || !r.id().equals(expectedId)) {
            throw new ConfigFileException(file, lines.lineOf("id"), "id must be '" + expectedId + "' (the file name), found '" + r.id() + "'");
        }
        RouteJob job = jobs.get(r.kind());
        if (job == null) {
            throw new ConfigFileException(file, lines.lineOf("kind"), "unknown kind '" + r.kind() + "' (known: " + jobs.keySet() + ")");
        }
        if (r.schedule() != null && !r.schedule().isBlank() && !CronExpression.isValidExpression(r.schedule())) {
            throw new ConfigFileException(file, lines.lineOf("schedule"), "schedule '" + r.schedule() + "' is not a valid Quartz cron expression");
        }
        if (r.batchSize() != null && r.batchSize() < 1) {
            throw new ConfigFileException(file, lines.lineOf("batch-size"), "batch-size must be at least 1, found " + r.batchSize());
        }
        if (r.errorPolicy() != null && !List.of("fail-run", "dead-letter").contains(r.errorPolicy())) {
            throw new ConfigFileException(file, lines.lineOf("error-policy"), "error-policy must be fail-run or dead-letter, found '" + r.errorPolicy() + "'");
        }
        checkEndpoint(r.source(), "source", file, lines);
        checkEndpoint(r.target(), "target", file, lines);
        try {
            job.validate(r);
        } catch (RuntimeException ex) {
            throw new ConfigFileException(file, 0, ex.getMessage());
        }
    }

    private void checkEndpoint(RouteDefinition.Endpoint e, String key, Path file, RouteFileLines lines) {
        if (e == null) return;
        try {
            if (e.connector() != null) connectors.get(e.connector());
        } catch (IllegalArgumentException ex) {
            throw new ConfigFileException(file, lines.lineOf(key, "connector"), ex.getMessage());
        }
        try {
            if (e.mapping() != null) mappings.file(e.mapping());
        } catch (IllegalArgumentException ex) {
            throw new ConfigFileException(file, lines.lineOf(key, "mapping"), ex.getMessage());
        }
    }

    public RouteDefinition get(String id) {
        RouteDefinition r = routes.get(id);
        if (r == null) throw new UnknownRouteException(id, routes.keySet());
        return r;
    }

    public Collection<RouteDefinition> all() { return routes.values(); }

    /** The files rejected at the last load, as {@code file:line: what is wrong}. */
    public List<String> problems() { return problems.stream().map(Throwable::getMessage).toList(); }

    RouteJob jobFor(RouteDefinition route) { return jobs.get(route.kind()); }

    public record ReloadResult(List<String> routes, List<String> rejected) {}

    /** Published after every reload, with the definitions before and after. */
    public record RoutesReloaded(Map<String, RouteDefinition> before, Map<String, RouteDefinition> after) {}
}
