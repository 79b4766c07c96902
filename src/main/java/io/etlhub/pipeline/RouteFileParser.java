package io.etlhub.pipeline;

import io.etlhub.connector.ConfigFileException;
import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.MappingCatalog;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.util.URISupport;
import org.quartz.CronExpression;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one routes/ file with Camel's own YAML DSL loader (into Camel's route model, in a scratch
 * context that never starts) and checks it before the hub's Camel context sees it: one route whose id
 * is the file name, exactly one {@code etlhub:<kind>} step of a known kind with declared options (or,
 * for an event route, {@code from: direct:<event>} and no such step), a start that fits the kind
 * ({@code etlhub-cdc:} of a debezium connector for a {@link ChangeJob}), webhook connectors for
 * {@code etlhub-notify:} steps,
 * existing connectors and mappings, a valid Quartz cron. Every problem is {@code file:line: what}.
 */
class RouteFileParser {
    private static final Pattern CAMEL_LINE = Pattern.compile("line (\\d+)");
    /** The change-stream start of the debezium connector kind. */
    private static final String STREAM = "etlhub-cdc";
    /** An event route's start (direct:<event>), its kind, and the notification step. */
    private static final String EVENTS = "direct";
    static final String EVENT_KIND = "event";
    private static final String NOTIFY = "etlhub-notify";

    private final ConnectorCatalog connectors;
    private final MappingCatalog mappings;
    private final Map<String, RouteJob> jobs;
    private final CamelContext scratch = new DefaultCamelContext();

    RouteFileParser(ConnectorCatalog connectors, MappingCatalog mappings, Map<String, RouteJob> jobs) {
        this.connectors = connectors;
        this.mappings = mappings;
        this.jobs = jobs;
    }

    /** The file's text and its checked definition. */
    record Parsed(String text, RouteDefinition route) {}

    Parsed parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigFileException(file, 0, "cannot read: " + e.getMessage());
        }
        return new Parsed(text, check(file, text, camelModel(file, text)));
    }

    private org.apache.camel.model.RouteDefinition camelModel(Path file, String text) {
        List<org.apache.camel.model.RouteDefinition> found = new ArrayList<>();
        try {
            Collection<RoutesBuilder> builders = PluginHelper.getRoutesLoader(scratch)
                    .findRoutesBuilders(ResourceHelper.fromString("file:" + file, text));
            for (RoutesBuilder b : builders) {
                RouteBuilder rb = (RouteBuilder) b;
                rb.setCamelContext(scratch);
                rb.configure();
                found.addAll(rb.getRouteCollection().getRoutes());
                boolean configurations = rb instanceof org.apache.camel.builder.RouteConfigurationBuilder c
                        && !c.getRouteConfigurationCollection().getRouteConfigurations().isEmpty();
                if (configurations || !rb.getRestCollection().getRests().isEmpty()) {
                    throw new ConfigFileException(file, 0, "a file in routes/ holds one route only (no routeConfiguration, rest or beans)");
                }
            }
        } catch (ConfigFileException e) {
            throw e;
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage());
            Matcher m = CAMEL_LINE.matcher(message);
            int line = m.find() ? Integer.parseInt(m.group(1)) : 0;
            throw new ConfigFileException(file, line, "not a Camel YAML DSL route: " + message.lines().findFirst().orElse(message).trim());
        }
        if (found.size() != 1) {
            throw new ConfigFileException(file, 1, "a file in routes/ holds exactly one route, found " + found.size());
        }
        return found.get(0);
    }

    private RouteDefinition check(Path file, String text, org.apache.camel.model.RouteDefinition camel) {
        RouteFileLines lines = RouteFileLines.of(text);
        String expectedId = io.etlhub.connector.ConfigFiles.idOf(file);
        if (!expectedId.equals(camel.getRouteId())) {
            throw new ConfigFileException(file, lines.lineOfAnyKey("id", camel.getLineNumber()),
                    "route id must be '" + expectedId + "' (the file name), found '" + camel.getRouteId() + "'");
        }
        if (!RunErrorHandling.ID.equals(camel.getRouteConfigurationId())) {
            throw new ConfigFileException(file, lines.lineOfAnyKey("routeConfigurationId", camel.getLineNumber()),
                    "routeConfigurationId must be '" + RunErrorHandling.ID + "' (the hub's shared error handling: redelivery, dead letters), found '"
                            + camel.getRouteConfigurationId() + "'");
        }
        List<ToDefinition> steps = new ArrayList<>();
        collectSteps(camel.getOutputs(), EtlhubComponent.SCHEME, steps);
        checkNotifications(file, camel);
        String kind;
        int stepLine;
        String uri;
        int q;
        if (steps.isEmpty() && EVENTS.equals(scheme(camel)) && jobs.containsKey(EVENT_KIND)) {
            // An event route: from: direct:<event>, its steps Camel's own and etlhub-notify:, no etlhub: step.
            kind = EVENT_KIND;
            stepLine = Math.max(camel.getInput().getLineNumber(), 0);
            uri = null;
            q = -1;
        } else {
            if (steps.size() != 1) {
                throw new ConfigFileException(file, camel.getLineNumber(), "a route in routes/ has exactly one etlhub:<kind> step, found "
                        + steps.size() + " (kinds: " + jobs.keySet() + "), or starts from direct:<event> (an event route)");
            }
            ToDefinition step = steps.get(0);
            stepLine = Math.max(step.getLineNumber(), 0);
            uri = step.getUri();
            q = uri.indexOf('?');
            kind = (q < 0 ? uri : uri.substring(0, q)).substring(EtlhubComponent.SCHEME.length() + 1).replaceFirst("^//", "");
        }
        RouteJob job = jobs.get(kind);
        if (job == null) {
            throw new ConfigFileException(file, stepLine, "unknown kind 'etlhub:" + kind + "' (known: " + jobs.keySet() + ")");
        }
        Map<String, String> options = query(file, stepLine, q < 0 ? "" : uri.substring(q + 1));
        Map<String, List<String>> declared = EtlhubEndpoint.options();
        for (String name : options.keySet()) {
            int line = lines.lineOfAnyKey(name, stepLine);
            List<String> usedBy = declared.get(name);
            if (usedBy == null) {
                throw new ConfigFileException(file, line, "unknown option '" + name + "' of etlhub:" + kind + " (known: " + optionsOf(kind, declared) + ")");
            }
            if (!usedBy.contains("common") && !usedBy.contains(kind)) {
                throw new ConfigFileException(file, line, "option '" + name + "' is not used by etlhub:" + kind + " (its options: "
                        + optionsOf(kind, declared) + ")");
            }
        }
        checkNumber(file, lines, stepLine, options, "batchSize", 1);
        checkNumber(file, lines, stepLine, options, "keyScanEveryRuns", 0);
        RouteDefinition.Endpoint source = endpoint(file, lines, stepLine, options, "source", "sourceMapping");
        if (source == null) source = streamingSource(file, lines, camel);
        RouteDefinition.Endpoint target = endpoint(file, lines, stepLine, options, "target", "targetMapping");
        String schedule = cron(file, lines, camel);
        boolean enabled = camel.getAutoStartup() == null || Boolean.parseBoolean(camel.getAutoStartup().trim());
        if (job instanceof ChangeJob fed ? !fed.fedBy().equals(scheme(camel)) : STREAM.equals(scheme(camel)) && !(job instanceof EventJob)) {
            throw new ConfigFileException(file, lines.lineOfAnyKey("uri", camel.getInput().getLineNumber()), job instanceof ChangeJob fed
                    ? "etlhub:" + kind + " takes changes: the route starts from: " + fed.fedBy() + ":..."
                    : "etlhub:" + kind + " runs by schedule or by hand; a route from etlhub-cdc: needs a step that takes changes");
        }
        RouteDefinition route = new RouteDefinition(camel.getRouteId(), camel.getDescription(), kind, enabled, schedule, source, target,
                Map.copyOf(options), file, camel.getInput().getEndpointUri());
        try {
            job.validate(route);
        } catch (RuntimeException ex) {
            throw new ConfigFileException(file, stepLine, ex.getMessage());
        }
        return route;
    }

    private static List<String> optionsOf(String kind, Map<String, List<String>> declared) {
        return declared.entrySet().stream().filter(e -> e.getValue().contains("common") || e.getValue().contains(kind))
                .map(Map.Entry::getKey).toList();
    }

    private static void collectSteps(List<ProcessorDefinition<?>> outputs, String scheme, List<ToDefinition> into) {
        for (ProcessorDefinition<?> p : outputs) {
            if (p instanceof ToDefinition to && to.getUri() != null && to.getUri().startsWith(scheme + ":")) into.add(to);
            collectSteps(p.getOutputs(), scheme, into);
        }
    }

    /** Every etlhub-notify:<connector> step names a kind: webhook connector of connectors/. */
    private void checkNotifications(Path file, org.apache.camel.model.RouteDefinition camel) {
        List<ToDefinition> notify = new ArrayList<>();
        collectSteps(camel.getOutputs(), NOTIFY, notify);
        for (ToDefinition step : notify) connectorOf(file, Math.max(step.getLineNumber(), 0), step.getUri(), NOTIFY, "webhook");
    }

    /** The connector an endpoint URI names ({@code scheme:<connector>?...}); it must exist and be of the kind. */
    private String connectorOf(Path file, int line, String uri, String scheme, String kind) {
        int q = uri.indexOf('?');
        String connector = (q < 0 ? uri : uri.substring(0, q)).substring(scheme.length() + 1).replaceFirst("^//", "");
        String kindOf;
        try {
            kindOf = connectors.get(connector).kind();
        } catch (IllegalArgumentException ex) {
            throw new ConfigFileException(file, line, ex.getMessage());
        }
        if (!kind.equals(kindOf)) {
            throw new ConfigFileException(file, line, "connector " + connector + " is of kind '" + kindOf + "'; " + scheme + " needs kind: " + kind);
        }
        return connector;
    }

    private static Map<String, String> query(Path file, int line, String query) {
        try {
            Map<String, String> out = new LinkedHashMap<>();
            URISupport.parseQuery(query, true).forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
            return out;
        } catch (Exception e) {
            throw new ConfigFileException(file, line, "cannot read the step's options: " + e.getMessage());
        }
    }

    private static void checkNumber(Path file, RouteFileLines lines, int stepLine, Map<String, String> options, String name, int least) {
        String v = options.get(name);
        if (v == null) return;
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigFileException(file, lines.lineOfAnyKey(name, stepLine), name + " must be a whole number, found '" + v + "'");
        }
        if (n < least) throw new ConfigFileException(file, lines.lineOfAnyKey(name, stepLine), name + " must be at least " + least + ", found " + n);
    }

    private RouteDefinition.Endpoint endpoint(Path file, RouteFileLines lines, int stepLine, Map<String, String> options,
                                              String connectorKey, String mappingKey) {
        String connector = options.get(connectorKey);
        String mapping = options.get(mappingKey);
        try {
            if (connector != null) connectors.get(connector);
        } catch (IllegalArgumentException ex) {
            throw new ConfigFileException(file, lines.lineOfAnyKey(connectorKey, stepLine), ex.getMessage());
        }
        try {
            if (mapping != null) mappings.file(mapping);
        } catch (IllegalArgumentException ex) {
            throw new ConfigFileException(file, lines.lineOfAnyKey(mappingKey, stepLine), ex.getMessage());
        }
        return connector == null && mapping == null ? null : new RouteDefinition.Endpoint(connector, mapping);
    }

    private static String scheme(org.apache.camel.model.RouteDefinition camel) {
        String from = camel.getInput().getEndpointUri();
        int colon = from == null ? -1 : from.indexOf(':');
        return colon < 0 ? "" : from.substring(0, colon);
    }

    /**
     * A route that starts from a change stream ({@code from: etlhub-cdc:<connector>?tables=...}) reads that
     * connector: it must exist and be of kind debezium. Null for any other start.
     */
    private RouteDefinition.Endpoint streamingSource(Path file, RouteFileLines lines, org.apache.camel.model.RouteDefinition camel) {
        if (!STREAM.equals(scheme(camel))) return null;
        int line = lines.lineOfAnyKey("uri", camel.getInput().getLineNumber());
        return new RouteDefinition.Endpoint(connectorOf(file, line, camel.getInput().getEndpointUri(), STREAM, "debezium"), null);
    }

    /** The cron of a quartz: route start; null for any other start (manual runs, a file consumer, ...). */
    private static String cron(Path file, RouteFileLines lines, org.apache.camel.model.RouteDefinition camel) {
        String from = camel.getInput().getEndpointUri();
        if (from == null || !from.startsWith("quartz:")) return null;
        int q = from.indexOf('?');
        if (q < 0) return null;
        for (String pair : from.substring(q + 1).split("&")) {
            if (!pair.startsWith("cron=")) continue;
            String cron = pair.substring(5).replace('+', ' ').trim();
            if (!CronExpression.isValidExpression(cron)) {
                throw new ConfigFileException(file, lines.lineOfAnyKey("cron", camel.getInput().getLineNumber()),
                        "cron '" + cron + "' is not a valid Quartz cron expression");
            }
            return cron;
        }
        return null;
    }
}
