package io.etlhub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlhub.EtlHubApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs README.md's examples as a new user would, against the demo started from a copy of the
 * repository's configuration folders (a fresh clone: its own data/demo, known passwords, a random port):
 * every curl through HttpClient must answer 2xx, every one-shot command runs in a separate JVM (as in a
 * second terminal, with the JVM's default zone UTC) and must exit 0. The one-shots share the server's
 * demo databases: `run reconcile` prints the control total GET /api/reconciliation gives for the period,
 * `run health-report` finds what the server finds for the month. Timestamps carry the hub's offset.
 * Then a restart keeps the state, and a reset is refused while the server runs.
 */
class ReadmeExamplesTest {
    private static final String JAR = "target/etl-hub.jar";
    private static final Map<String, String> PASSWORDS = Map.of("admin", "readme-admin-pw", "finance", "readme-finance-pw",
            "ops", "readme-ops-pw");
    private static final ZoneId HUB_ZONE = ZoneId.of("Asia/Shanghai");
    private static final Pattern LOG_TIME = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) ");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path clone;

    private int port;

    @Test
    void everyExampleOfTheReadmeWorksAgainstAStartedDemo() throws Exception {
        for (String dir : List.of("routes", "connectors", "mappings", "samples")) {
            FileSystemUtils.copyRecursively(Path.of(dir), clone.resolve(dir));
        }
        List<ReadmeExamples.Command> commands = ReadmeExamples.read(Path.of("README.md"));
        Set<String> done = new HashSet<>();
        ConfigurableApplicationContext server = start();
        try {
            for (ReadmeExamples.Command command : commands) {
                for (List<String> words : split(command.words())) {
                    String what = kind(words);
                    done.add(what);
                    switch (what) {
                        case "build", "server" -> { } // the test runs after the build; the server is started above
                        case "curl" -> curl(command, words);
                        case "cli" -> oneShot(command, words);
                        default -> fail("README.md:" + command.line() + ": no way to check this example: " + command.text());
                    }
                }
            }
            assertThat(done).as("kinds of examples in README.md").contains("server", "curl", "cli");
            assertOffsets(get("admin", "/api/runs"));

            Map<String, Long> queue = unmatchedQueue();
            long lastRun = get("admin", "/api/runs").get(0).get("runId").asLong();
            Path demoDir = clone.resolve("data/demo");
            assertThatThrownBy(() -> DemoReset.reset(demoDir)).hasMessageContaining("running hub");
            server.close();

            server = start();
            assertThat(unmatchedQueue()).as("the finance queue after a restart").isEqualTo(queue);
            List<Long> runIds = new ArrayList<>();
            get("admin", "/api/runs").forEach(r -> runIds.add(r.get("runId").asLong()));
            assertThat(runIds).as("run history after a restart").contains(lastRun);
            server.close();

            assertThat(DemoReset.reset(demoDir)).isPositive();
            try (Stream<Path> left = Files.list(demoDir)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".mv.db"));
            }
        } finally {
            server.close();
        }
    }

    private ConfigurableApplicationContext start() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(EtlHubApplication.class).run(
                "--server.port=0", "--etlhub.config-dir=" + clone, "--etlhub.console.watch-files=false",
                "--ETLHUB_ADMIN_PASSWORD=" + PASSWORDS.get("admin"), "--ETLHUB_FINANCE_PASSWORD=" + PASSWORDS.get("finance"),
                "--ETLHUB_OPS_PASSWORD=" + PASSWORDS.get("ops"),
                // Uploads and change capture keep their files in the clone, not in the repository.
                "--ETLHUB_DATA_DIR=" + clone.resolve("data"));
        port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        return context;
    }

    /** "a && b" is two commands. */
    private static List<List<String>> split(List<String> words) {
        List<List<String>> parts = new ArrayList<>();
        List<String> part = new ArrayList<>();
        for (String w : words) {
            if (w.equals("&&")) {
                parts.add(part);
                part = new ArrayList<>();
            } else {
                part.add(w);
            }
        }
        parts.add(part);
        return parts;
    }

    private static String kind(List<String> words) {
        if (words.get(0).equals("mvn")) return "build";
        if (words.get(0).equals("curl")) return "curl";
        if (words.size() >= 3 && words.get(0).equals("java") && words.get(1).equals("-jar") && words.get(2).equals(JAR)) {
            return words.size() == 3 ? "server" : words.get(3).equals("run") ? "cli" : "unknown";
        }
        return "unknown";
    }

    // --- curl -----------------------------------------------------------------------------------------

    private void curl(ReadmeExamples.Command command, List<String> words) throws Exception {
        String method = null, user = null, body = null, url = null;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            switch (w) {
                case "-X" -> method = words.get(++i);
                case "-u" -> user = words.get(++i);
                case "-d" -> body = words.get(++i);
                case "-H" -> {
                    String[] h = words.get(++i).split(":\\s*", 2);
                    headers.put(h[0], h[1]);
                }
                default -> {
                    if (w.startsWith("-")) fail("README.md:" + command.line() + ": curl option " + w + " not understood by the test");
                    url = w;
                }
            }
        }
        assertThat(url).as("README.md:" + command.line() + " URL").startsWith("localhost:8080/");
        if (method == null) method = body == null ? "GET" : "POST";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + url.substring("localhost:8080".length())))
                .timeout(Duration.ofMinutes(3))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (user != null) request.header("Authorization", basic(user));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("README.md:%d %s -> %s", command.line(), command.text(), response.body())
                .isBetween(200, 299);
    }

    private static String basic(String userColonPassword) {
        String[] up = userColonPassword.split(":", 2);
        assertThat(up[1]).as("the README's password placeholder").isEqualTo("PASSWORD");
        String real = up[0] + ":" + PASSWORDS.get(up[0]);
        return "Basic " + Base64.getEncoder().encodeToString(real.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode get(String user, String path) throws Exception {
        return send(user, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
    }

    private JsonNode post(String user, String path, String body) throws Exception {
        return send(user, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode send(String user, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofMinutes(3)).header("Authorization", basic(user + ":PASSWORD")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(request.build().uri() + " -> " + r.body()).isBetween(200, 299);
        return json.readTree(r.body());
    }

    private Map<String, Long> unmatchedQueue() throws Exception {
        Map<String, Long> queue = new LinkedHashMap<>();
        get("finance", "/api/receipts/unmatched").forEach(r ->
                queue.put(r.get("system").asText() + "/" + r.get("documentId").asText(), r.get("amount").decimalValue().movePointRight(2).longValue()));
        return queue;
    }

    // --- one-shot commands ----------------------------------------------------------------------------

    private void oneShot(ReadmeExamples.Command command, List<String> words) throws Exception {
        List<String> args = words.subList(3, words.size());
        JsonNode summary = runInSecondTerminal(command, args);
        assertThat(summary.get("status").asText()).as("README.md:" + command.line() + " " + summary).isEqualTo("SUCCEEDED");
        assertOffsets(summary);
        JsonNode outputs = summary.get("outputs");
        switch (args.get(1)) {
            case "reconcile" -> {
                String period = option(args, "--period");
                JsonNode control = get("finance", "/api/reconciliation?period=" + period).get("control");
                assertThat(control.get("documents").asLong()).as("documents of " + period).isPositive();
                assertSame(outputs.get("erpReceipts"), control.get("erpReceipts"), "ERP receipts of " + period);
                assertSame(outputs.get("matched"), control.get("matched"), "matched of " + period);
                assertSame(outputs.get("unmatched"), control.get("unmatched"), "unmatched of " + period);
                assertSame(outputs.get("dismissed"), control.get("dismissed"), "dismissed of " + period);
                assertSame(outputs.get("controlDifference"), control.get("difference"), "control difference of " + period);
                assertThat(clone.resolve(option(args, "--out"))).isRegularFile();
            }
            case "health-report" -> {
                String month = option(args, "--month");
                JsonNode serverRun = post("admin", "/api/routes/health-report/runs", "{\"month\":\"" + month + "\"}");
                assertThat(outputs.get("findings")).as("findings of " + month + ", one-shot vs server")
                        .isEqualTo(serverRun.get("outputs").get("findings"));
                assertThat(outputs.get("verdicts")).as("verdicts of " + month).isEqualTo(serverRun.get("outputs").get("verdicts"));
                assertThat(clone.resolve(option(args, "--out"))).isRegularFile();
            }
            case "import-archive" -> assertThat(outputs.get("rejected").asLong()).as("rejected rows of " + args.get(2)).isZero();
            default -> { }
        }
    }

    private JsonNode runInSecondTerminal(ReadmeExamples.Command command, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.timezone=UTC", "-Dfile.encoding=UTF-8", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), EtlHubApplication.class.getName()));
        cmd.addAll(args);
        Path out = Files.createTempFile(clone, "cli-", ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(clone.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        for (String key : List.copyOf(pb.environment().keySet())) {
            if (key.endsWith("_JDBC_URL") || key.equals("ETLHUB_CONFIG_DIR") || key.equals("ETLHUB_DATA_DIR")) pb.environment().remove(key);
        }
        Process process = pb.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("README.md:" + command.line() + " did not finish in 5 minutes: " + command.text());
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("README.md:%d %s exit code; output:%n%s", command.line(), command.text(),
                String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))).isZero();
        // The log agrees with the API: its times carry the hub zone's offset, though this JVM's default zone is UTC.
        List<String> logTimes = lines.stream().map(LOG_TIME::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
        assertThat(logTimes).as("log times of " + command.text()).isNotEmpty().allMatch("+08:00"::equals);
        return json.readTree(lines.get(lines.size() - 1));
    }

    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        assertThat(i).as(name + " in " + args).isNotNegative();
        return args.get(i + 1);
    }

    private static void assertSame(JsonNode cli, JsonNode api, String what) {
        assertThat(new BigDecimal(cli.asText())).as(what + ": one-shot " + cli + " vs API " + api).isEqualByComparingTo(new BigDecimal(api.asText()));
    }

    /** Every startedAt/endedAt is an instant with the hub zone's offset (+08:00), not a bare local time. */
    private static void assertOffsets(JsonNode node) throws IOException {
        List<JsonNode> summaries = new ArrayList<>();
        if (node.isArray()) node.forEach(summaries::add); else summaries.add(node);
        assertThat(summaries).isNotEmpty();
        for (JsonNode s : summaries) {
            for (String field : List.of("startedAt", "endedAt")) {
                if (s.get(field) == null || s.get(field).isNull()) continue;
                OffsetDateTime t = OffsetDateTime.parse(s.get(field).asText());
                assertThat(t.getOffset()).as(field + " " + s.get(field)).isEqualTo(HUB_ZONE.getRules().getOffset(t.toInstant()));
                assertThat(Duration.between(t, OffsetDateTime.now()).abs()).as(field + " close to now").isLessThan(Duration.ofHours(1));
            }
        }
    }
}
