package io.etlhub.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.FailureCause;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Map;

/**
 * {@code java -jar etl-hub.jar run <route|command> [--config DIR] [--name value ...] [positional ...]}:
 * one run for cron and ops. Starts the hub without web server or schedules, runs the route (or a
 * {@link CliCommand} such as {@code check} or {@code init-crm}), shuts down, then prints the run's JSON
 * summary as the last line. Exit code 0 on success, 1 when the run (or check) failed, 2 when it could
 * not start; then the one-line cause comes first, its fix and details after it. {@code --config DIR}
 * (or ETLHUB_CONFIG_DIR) is the folder holding routes/, connectors/ and mappings/.
 */
public final class CommandLineRun {
    private CommandLineRun() {}

    public static boolean isRunCommand(String[] args) {
        return args.length > 0 && "run".equals(args[0]);
    }

    public static int execute(Class<?> application, String[] given) {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        List<String> springArgs = new ArrayList<>(List.of("--etlhub.scheduler.enabled=false", "--spring.main.banner-mode=off",
                "--etlhub.cli=true", "--logging.level.root=WARN", "--logging.level.io.etlhub=INFO",
                // The CLI prints the cause of a failed start itself, first; Spring's and Hikari's reports of it would come before.
                "--logging.level.org.springframework.boot.SpringApplication=OFF",
                "--logging.level.org.springframework.boot.diagnostics=OFF",
                "--logging.level.org.springframework.context=ERROR", "--logging.level.com.zaxxer.hikari.pool.HikariPool=OFF"));
        String[] args = withoutConfigOption(given, springArgs);
        if (args.length < 2) {
            System.out.println(error(json, null, "usage: run <route>|check|init-crm [--config DIR] [--name value ...] [file]"));
            return 2;
        }
        String routeId = args[1];
        Map<String, String> parameters = parameters(args);
        RunSummary summary;
        AtomicReference<ConfigurableEnvironment> environment = new AtomicReference<>();
        ConfigurableApplicationContext context = null;
        try {
            context = new SpringApplicationBuilder(application)
                    .web(WebApplicationType.NONE)
                    // A class, not a lambda: a lambda hides its event type, and Spring Modulith's event multicaster then
                    // hands it every event (ContextRefreshedEvent -> ClassCastException).
                    .listeners(new ApplicationListener<ApplicationEnvironmentPreparedEvent>() {
                        @Override
                        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent e) {
                            environment.set(e.getEnvironment());
                        }
                    })
                    // As arguments, so they win over application.yml (default properties would not).
                    .run(springArgs.toArray(String[]::new));
            CliCommand command = context.getBeansOfType(CliCommand.class).values().stream()
                    .filter(c -> c.name().equals(routeId)).findFirst().orElse(null);
            if (command != null) {
                int code = command.run(parameters, System.out);
                context.close();
                return code;
            }
            connectorsReachable(context, routeId);
            summary = context.getBean(RouteRunner.class)
                    .run(routeId, Trigger.CLI, System.getProperty("user.name", "cli"), parameters);
            // The hub's mapper: timestamps with their offset, as the API writes them.
            json = context.getBean(ObjectMapper.class);
        } catch (Exception e) {
            if (context != null) context.close();
            printFailure(json, routeId, FailureCause.of(e, environment.get()));
            return 2;
        }
        context.close();
        // A failed run: its cause on a line of its own before the summary.
        if (!summary.succeeded() && summary.error() != null) System.out.println(summary.error());
        try {
            System.out.println(json.writeValueAsString(summary));
        } catch (Exception e) {
            System.out.println(error(json, routeId, e.getMessage()));
            return 2;
        }
        return summary.succeeded() ? 0 : 1;
    }

    /** {@code --config DIR} or {@code --config=DIR} anywhere after {@code run}: becomes etlhub.config-dir. */
    static String[] withoutConfigOption(String[] args, List<String> springArgs) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                springArgs.add("--etlhub.config-dir=" + args[++i]);
            } else if (args[i].startsWith("--config=")) {
                springArgs.add("--etlhub.config-dir=" + args[i].substring("--config=".length()));
            } else {
                rest.add(args[i]);
            }
        }
        return rest.toArray(String[]::new);
    }

    /** A connector the route uses that refuses the login is a failed start (exit 2), not a failed run. */
    private static void connectorsReachable(ConfigurableApplicationContext context, String routeId) throws SQLException {
        RouteDefinition route = context.getBean(RouteCatalog.class).get(routeId);
        ConnectorCatalog connectors = context.getBean(ConnectorCatalog.class);
        for (RouteDefinition.Endpoint e : java.util.stream.Stream.of(route.source(), route.target()).filter(Objects::nonNull).toList()) {
            if (e.connector() != null && "jdbc".equals(connectors.get(e.connector()).kind())) {
                try (Connection c = connectors.dataSource(e.connector()).getConnection()) {
                    c.isValid(5);
                }
            }
        }
    }

    static Map<String, String> parameters(String[] args) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int positional = 0;
        for (int i = 2; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                String name = a.substring(2);
                int eq = name.indexOf('=');
                if (eq > 0) {
                    parameters.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    parameters.put(name, args[++i]);
                } else {
                    parameters.put(name, "true");
                }
            } else {
                parameters.put("arg" + (++positional), a);
            }
        }
        return parameters;
    }

    /** The cause first, in one line; then the fix and the details; the JSON summary last, as for every run. */
    private static void printFailure(ObjectMapper json, String routeId, FailureCause cause) {
        System.out.println(cause.line());
        System.out.println("  fix: " + cause.fix());
        cause.details().forEach(d -> System.out.println("  " + d));
        System.out.println(error(json, routeId, cause.line()));
    }

    private static String error(ObjectMapper json, String route, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("route", route);
        m.put("status", "FAILED");
        m.put("error", message);
        try {
            return json.writeValueAsString(m);
        } catch (Exception e) {
            return "{\"status\":\"FAILED\"}";
        }
    }
}
