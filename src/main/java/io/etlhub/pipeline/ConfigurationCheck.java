package io.etlhub.pipeline;

import io.etlhub.connector.CheckLine;
import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.ConnectorCheck;
import io.etlhub.connector.ConnectorDefinition;
import io.etlhub.connector.MappingCatalog;
import io.etlhub.connector.TableMapping;
import io.etlhub.connector.TableNeed;
import io.etlhub.crm.CrmSchema;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * `run check` and GET /api/check: every connector as the routes will use it (login, tables, columns,
 * privileges, binlog, hosts), every route file's problems and schedule. One line per check. A connector
 * that only stopped routes use is checked too, but its faults are warnings ("not used by any running route").
 */
@Service
public class ConfigurationCheck {
    private final ConnectorCatalog connectors;
    private final ConnectorCheck connectorCheck;
    private final MappingCatalog mappings;
    private final RouteCatalog routes;
    private final Clock clock;
    private final ZoneId zone;
    private final MessageSource messages;

    public ConfigurationCheck(ConnectorCatalog connectors, ConnectorCheck connectorCheck, MappingCatalog mappings,
                              RouteCatalog routes, Clock clock, @Value("${etlhub.time-zone:Asia/Shanghai}") String zone,
                              MessageSource messages) {
        this.messages = messages;
        this.connectors = connectors;
        this.connectorCheck = connectorCheck;
        this.mappings = mappings;
        this.routes = routes;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /** ok is false when any line is a FAIL; warnings do not count. */
    public record Report(boolean ok, List<CheckLine> lines) {
        static Report of(List<CheckLine> lines) {
            return new Report(lines.stream().noneMatch(l -> l.status() == CheckLine.Status.FAIL), List.copyOf(lines));
        }
    }

    /** A report as a reader gets it: every line's subject and sentence in their language (console, API, CLI). */
    public record Shown(boolean ok, List<CheckLine.Shown> lines) {}

    public Shown shown(Report report, Locale locale) {
        return new Shown(report.ok(), report.lines().stream().map(l -> l.in(messages, locale)).toList());
    }

    /** The report's lines for each route ({@link #byRoute}) in the reader's language. */
    public Map<String, Shown> shownByRoute(Report report, Locale locale) {
        Map<String, Shown> shown = new LinkedHashMap<>();
        byRoute(report).forEach((route, lines) -> shown.put(route, shown(lines, locale)));
        return shown;
    }

    public Report run() {
        List<CheckLine> lines = new ArrayList<>();
        Map<String, TableNeed> needs = new LinkedHashMap<>();
        crmTables(needs, lines);
        for (RouteDefinition route : routes.all()) {
            try {
                routes.jobFor(route).tablesNeeded(route).forEach(n -> needs.merge(n.key(), n, TableNeed::merge));
            } catch (RuntimeException e) {
                lines.add(CheckLine.fail("route " + route.id(), "check.route.mapping-unreadable", String.valueOf(e.getMessage())));
            }
        }
        List<ConnectorDefinition> all = connectors.all().stream().sorted(Comparator.comparing(ConnectorDefinition::id)).toList();
        Map<String, List<String>> idle = idleConnectors();
        for (ConnectorDefinition c : all) {
            List<CheckLine> checked = connectorCheck.check(c, needs.values().stream().filter(n -> n.connector().equals(c.id())).toList());
            lines.addAll(idle.containsKey(c.id()) ? notUsed(c.id(), idle.get(c.id()), checked) : checked);
        }
        routes.problems().forEach(p -> lines.add(CheckLine.fail("route file", "check.route-file.problem", p)));
        Date now = Date.from(clock.instant());
        for (RouteDefinition route : routes.all()) {
            lines.add(ScheduleCheck.check(route, zone, now));
            if (route.options() != null) {
                route.options().forEach((key, value) -> {
                    if (value != null && value.matches("(?i)https?://.*")) {
                        lines.add(ConnectorCheck.hostResolves("route " + route.id() + " option " + key, value));
                    }
                });
            }
        }
        return Report.of(lines);
    }

    /**
     * Connectors that routes name (source, target, change stream) but no started route: their id to those
     * routes. A connector no route names (the CRM of crm.yml, a notification's robot) is always in use.
     */
    private Map<String, List<String>> idleConnectors() {
        Map<String, List<String>> named = new LinkedHashMap<>();
        java.util.Set<String> inUse = new java.util.HashSet<>();
        for (RouteDefinition route : routes.all()) {
            for (RouteDefinition.Endpoint e : java.util.Arrays.asList(route.source(), route.target())) {
                if (e == null || e.connector() == null) continue;
                named.computeIfAbsent(e.connector(), k -> new ArrayList<>()).add(route.id());
                if (route.isEnabled()) inUse.add(e.connector());
            }
        }
        named.keySet().removeAll(inUse);
        return named;
    }

    /** A fault of a connector only stopped routes use is not the running hub's fault: a warning saying so. */
    private static List<CheckLine> notUsed(String connector, List<String> stoppedRoutes, List<CheckLine> checked) {
        return checked.stream().map(l -> l.status() == CheckLine.Status.FAIL
                ? CheckLine.warn(l.subject(), "check.connector.unused", connector, String.join(", ", stoppedRoutes), l.text()) : l).toList();
    }

    /**
     * The lines of a check that concern each route: its own (schedule, options, mapping) and those of
     * the connectors it reads or writes; the console's routes page shows them beside the route.
     */
    public Map<String, Report> byRoute(Report report) {
        Map<String, Report> result = new LinkedHashMap<>();
        for (RouteDefinition route : routes.all()) {
            java.util.Set<String> subjects = new java.util.HashSet<>();
            subjects.add("route " + route.id());
            for (RouteDefinition.Endpoint e : java.util.Arrays.asList(route.source(), route.target())) {
                if (e != null && e.connector() != null) subjects.add("connector " + e.connector());
            }
            try {
                routes.jobFor(route).tablesNeeded(route).forEach(n -> subjects.add("connector " + n.connector()));
            } catch (RuntimeException e) {
                // its mapping cannot be read: run() reported it as a line of the route
            }
            String own = "route " + route.id() + " ";
            result.put(route.id(), Report.of(report.lines().stream()
                    .filter(l -> subjects.contains(l.subject()) || l.subject().startsWith(own)).toList()));
        }
        return result;
    }

    /** Every table and column mapped in mappings/crm.yml must exist and be readable. */
    private void crmTables(Map<String, TableNeed> needs, List<CheckLine> lines) {
        try {
            CrmSchema crm = mappings.read("crm", CrmSchema.class);
            for (TableMapping t : crm.tables().values()) {
                TableNeed need = TableNeed.of(crm.connector(), t, "SELECT");
                needs.merge(need.key(), need, TableNeed::merge);
            }
        } catch (RuntimeException e) {
            lines.add(CheckLine.fail("mapping crm", "check.mapping.unreadable", String.valueOf(e.getMessage())));
        }
    }
}
