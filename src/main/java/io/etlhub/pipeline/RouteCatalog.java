package io.etlhub.pipeline;

import io.etlhub.connector.ConfigFileException;
import io.etlhub.connector.ConfigFiles;
import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.HubConfig;
import io.etlhub.connector.MappingCatalog;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
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
 * The routes/ files: validated ({@link RouteFileParser}, {@code file:line: what is wrong}) and then
 * handed to Camel's YAML DSL loader, so each file is one route of the hub's Camel context.
 * Reloadable: a file that fails validation is rejected (its problem is kept for the console) and the
 * route keeps its last valid definition in Camel, so a typo never stops a route that was running. A
 * route whose file did not change is left alone; one whose only change is autoStartup is started or
 * stopped through Camel's route controller (a route loaded stopped is loaded again to be started, so that the
 * supervising controller retries it while its source is down); any other change replaces the Camel route.
 */
@Component
public class RouteCatalog {
    private static final Logger log = LoggerFactory.getLogger(RouteCatalog.class);

    private final ConfigFiles files;
    private final HubConfig config;
    private final ApplicationEventPublisher events;
    private final Map<String, RouteJob> jobs;
    private final RouteFileParser parser;
    private final RouteMetrics metrics;
    private volatile Map<String, RouteDefinition> routes = Map.of();
    private volatile Map<String, String> texts = Map.of();
    private volatile List<ConfigFileException> problems = List.of();
    private volatile CamelContext camel;

    public RouteCatalog(ConfigFiles files, HubConfig config, ConnectorCatalog connectors, MappingCatalog mappings,
                        List<RouteJob> jobs, ApplicationEventPublisher events, RouteMetrics metrics) {
        this.files = files;
        this.config = config;
        this.events = events;
        this.metrics = metrics;
        this.jobs = jobs.stream().collect(Collectors.toMap(RouteJob::kind, Function.identity()));
        this.parser = new RouteFileParser(connectors, mappings, this.jobs);
        load();
    }

    /** Called once before the Camel context starts: every valid route goes into Camel. */
    synchronized void attach(CamelContext camel) throws Exception {
        this.camel = camel;
        for (String id : routes.keySet()) addToCamel(id, texts.get(id));
    }

    /** Re-reads routes/ and applies what changed to Camel. */
    public synchronized ReloadResult reload() {
        Map<String, RouteDefinition> before = routes;
        Map<String, String> textsBefore = texts;
        ReloadResult result = load();
        if (camel != null) {
            List<String> refused = applyToCamel(textsBefore, before);
            if (!refused.isEmpty()) {
                List<String> rejected = new ArrayList<>(result.rejected());
                rejected.addAll(refused);
                result = new ReloadResult(result.routes(), List.copyOf(rejected));
            }
        }
        events.publishEvent(new RoutesReloaded(before, routes));
        return result;
    }

    /** Applies the changed files to Camel; answers the problems of routes Camel refused. */
    private List<String> applyToCamel(Map<String, String> textsBefore, Map<String, RouteDefinition> before) {
        java.util.Set<String> ids = new java.util.TreeSet<>(textsBefore.keySet());
        ids.addAll(texts.keySet());
        List<ConfigFileException> failed = new ArrayList<>();
        for (String id : ids) {
            String old = textsBefore.get(id);
            String now = texts.get(id);
            if (java.util.Objects.equals(old, now)) continue;
            try {
                if (old != null && now != null && withoutAutoStartup(old).equals(withoutAutoStartup(now))
                        && !(routes.get(id).isEnabled() && SupervisedStarts.unsupervised(camel, id))) {
                    if (routes.get(id).isEnabled()) startRoute(id);
                    else camel.getRouteController().stopRoute(id);
                    log.info("route {} {}", id, routes.get(id).isEnabled() ? "started" : "stopped");
                    continue;
                }
                // Also a start of a route loaded with autoStartup: false: Camel's supervising route controller leaves such
                // a route alone (its start would fail plainly while its source is down); loaded again as its file now
                // says, it is supervised and retried with back-off.
                removeFromCamel(id);
                if (now != null) addToCamel(id, now);
                log.info("route {} {}", id, now == null ? "removed" : old == null ? "added" : "replaced");
            } catch (Exception e) {
                // Camel refused what the hub's checks let through: back to the last valid route.
                RouteDefinition route = routes.get(id);
                Path file = route == null ? config.dir("routes").resolve(id + ".yaml") : route.file();
                failed.add(new ConfigFileException(file, 0, "Camel cannot load the route: " + e.getMessage()));
                log.error("route {} rejected by Camel, keeping its last valid definition: {}", id, e.getMessage());
                restore(id, old, before.get(id));
            }
        }
        if (!failed.isEmpty()) {
            List<ConfigFileException> all = new ArrayList<>(problems);
            all.addAll(failed);
            problems = List.copyOf(all);
        }
        return failed.stream().map(Throwable::getMessage).toList();
    }

    private void restore(String id, String oldText, RouteDefinition oldRoute) {
        Map<String, RouteDefinition> r = new TreeMap<>(routes);
        Map<String, String> t = new TreeMap<>(texts);
        if (oldText == null) { r.remove(id); t.remove(id); } else { r.put(id, oldRoute); t.put(id, oldText); }
        routes = r;
        texts = t;
        try {
            removeFromCamel(id);
            if (oldText != null) addToCamel(id, oldText);
        } catch (Exception again) {
            log.error("route {} could not be restored: {}", id, again.getMessage());
        }
    }

    private static String withoutAutoStartup(String text) {
        return text.replaceAll("(?m)^\\s*autoStartup:.*$", "");
    }

    /**
     * True on the thread adding a route to the running context: Camel then warms the new route up (starts its steps)
     * without starting it, and its source is asked only when the route starts ({@link RouteRunner#checkSource}).
     */
    private static final ThreadLocal<Boolean> ADDING = ThreadLocal.withInitial(() -> false);

    static boolean addingOnThisThread() { return ADDING.get(); }

    private void addToCamel(String id, String text) throws Exception {
        RouteDefinition route = routes.get(id);
        metrics.register(id, route.kind(), jobs.get(route.kind()).counters());
        ADDING.set(true);
        try {
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("file:" + route.file(), text));
        } finally {
            ADDING.remove();
        }
        // Before the context starts, Camel starts the routes itself. A route added later was warmed up without its
        // source being asked: a stop undoes that, and the start through the route controller asks it, so a route
        // whose source is down is retried with back-off like one that was down when the hub started.
        if (camel.isStarted()) {
            camel.getRouteController().stopRoute(id);
            if (route.isEnabled()) startRoute(id);
        }
    }

    /**
     * Starts the route through the route controller. Not started because its source is down: the supervising route
     * controller retries it with back-off, so the start is accepted; anything else is Camel refusing the route.
     */
    private void startRoute(String id) throws Exception {
        try {
            camel.getRouteController().startRoute(id);
        } catch (Exception e) {
            if (camel.getRouteController().getRouteStatus(id) == null || !restarting(id)) throw e;
            log.warn("route {} not started, Camel retries it with back-off: {}", id, e.getMessage());
        }
    }

    /** True when Camel's supervising route controller is retrying the route's start. */
    boolean restarting(String id) {
        return SupervisedStarts.restarting(camel, id);
    }

    private void removeFromCamel(String id) throws Exception {
        if (camel.getRoute(id) == null) return;
        camel.getRouteController().stopRoute(id);
        camel.removeRoute(id);
    }

    private synchronized ReloadResult load() {
        Map<String, RouteDefinition> next = new TreeMap<>();
        Map<String, String> nextTexts = new TreeMap<>();
        List<ConfigFileException> rejected = new ArrayList<>();
        for (Path file : ConfigFiles.list(config.dir("routes"), ".yaml", ".yml")) {
            try {
                RouteFileParser.Parsed parsed = parser.parse(file);
                next.put(parsed.route().id(), parsed.route());
                nextTexts.put(parsed.route().id(), parsed.text());
            } catch (ConfigFileException e) {
                rejected.add(e);
                log.error("route file rejected, the route keeps its last valid definition: {}", e.getMessage());
                String id = ConfigFiles.idOf(file);
                RouteDefinition previous = routes.get(id);
                if (previous != null) {
                    next.put(id, previous);
                    nextTexts.put(id, texts.get(id));
                }
            }
        }
        rejected.addAll(checkConnectorsAndMappings());
        routes = next;
        texts = nextTexts;
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
        return parser.parse(file).route();
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

    public RouteDefinition get(String id) {
        RouteDefinition r = routes.get(id);
        if (r == null) throw new UnknownRouteException(id, routes.keySet());
        return r;
    }

    public Collection<RouteDefinition> all() { return routes.values(); }

    /** The files rejected at the last load, as {@code file:line: what is wrong}. */
    public List<String> problems() { return problems.stream().map(Throwable::getMessage).toList(); }

    RouteJob jobFor(RouteDefinition route) { return jobs.get(route.kind()); }

    /** The file text Camel runs for the route (its last valid version). */
    String text(String id) { return texts.get(id); }

    public record ReloadResult(List<String> routes, List<String> rejected) {}

    /** Published after every reload, with the definitions before and after. */
    public record RoutesReloaded(Map<String, RouteDefinition> before, Map<String, RouteDefinition> after) {}
}
