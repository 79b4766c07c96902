package io.etlhub.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code java -jar etl-hub.jar run <route> [--name value ...] [positional ...]}: one run for cron and
 * ops. Starts the hub without web server or schedules, runs the route, shuts down, then prints the
 * run's JSON summary as the last line. Exit code 0 on success, 1 when the run failed, 2 when it
 * could not start.
 */
public final class CommandLineRun {
    private CommandLineRun() {}

    public static boolean isRunCommand(String[] args) {
        return args.length > 0 && "run".equals(args[0]);
    }

    public static int execute(Class<?> application, String[] args) {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        if (args.length < 2) {
            System.out.println(error(json, null, "usage: run <route> [--name value ...] [file]"));
            return 2;
        }
        String routeId = args[1];
        Map<String, String> parameters = parameters(args);
        RunSummary summary;
        ConfigurableApplicationContext context = null;
        try {
            context = new SpringApplicationBuilder(application)
                    .web(WebApplicationType.NONE)
                    // As arguments, so they win over application.yml (default properties would not).
                    .run("--etlhub.scheduler.enabled=false", "--spring.main.banner-mode=off", "--etlhub.cli=true",
                            "--logging.level.root=WARN", "--logging.level.io.etlhub=INFO");
            summary = context.getBean(RouteRunner.class)
                    .run(routeId, Trigger.CLI, System.getProperty("user.name", "cli"), parameters);
            // The hub's mapper: timestamps with their offset, as the API writes them.
            json = context.getBean(ObjectMapper.class);
        } catch (RuntimeException e) {
            if (context != null) context.close();
            System.out.println(error(json, routeId, rootMessage(e)));
            return 2;
        }
        context.close();
        try {
            System.out.println(json.writeValueAsString(summary));
        } catch (Exception e) {
            System.out.println(error(json, routeId, e.getMessage()));
            return 2;
        }
        return summary.succeeded() ? 0 : 1;
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

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " <- " + t.getMessage();
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
