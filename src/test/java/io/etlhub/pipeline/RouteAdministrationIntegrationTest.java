package io.etlhub.pipeline;

import io.etlhub.support.HubIntegrationTest;
import io.etlhub.support.LoopbackHttp;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.SupervisingRouteController;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Files as the source of truth, route control and dead letters. Its own Spring context: it works on a
 * copy of routes/, connectors/ and mappings/ in a temp folder, with the scheduler and the file watch on.
 */
@CamelSpringBootTest
@Import(TestLedgerJob.class)
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureObservability   // metrics export (/actuator/prometheus) is off in tests unless asked for
class RouteAdministrationIntegrationTest extends HubIntegrationTest {
    // Crons that never fire during a test run, so the scheduler is live but quiet.
    static final String QUIET_CRON = "0 0 3 1 1 ? 2099";
    // A WeCom-style group robot on loopback, declared in connectors/ like a real one (copyConfig).
    static final LoopbackHttp ROBOT = new LoopbackHttp();
    static final String FLAKY_USER = "flaky_src";
    static final String FLAKY_PASSWORD = "flaky-Test-pw1";
    static final Path CONFIG = copyConfig();

    @Autowired RouteCatalog catalog;
    @Autowired RouteAdmin admin;
    @Autowired DeadLetters deadLetters;
    @Autowired AuditLog audit;
    @Autowired CamelContext camel;
    @Autowired io.etlhub.connector.webhook.WebhookDelivery webhookDelivery;
    @LocalServerPort int port;

    @org.junit.jupiter.api.AfterAll
    static void stopRobot() {
        ROBOT.close();
    }

    private String originalK3;
    private String originalU8;

    @DynamicPropertySource
    static void configDir(DynamicPropertyRegistry registry) {
        registry.add("etlhub.config-dir", CONFIG::toString);
        registry.add("etlhub.console.watch-quiet-millis", () -> "200");
        // The shared test setup turns the scheduler off; this context wants it live (with crons that never fire).
        registry.add("camel.component.quartz.auto-start-scheduler", () -> "true");
        registry.add("camel.main.name", () -> "etl-hub-route-admin-test");
        // One Camel redelivery of a failed run, quickly: the redelivery continues the same run.
        registry.add("etlhub.runs.redelivery.attempts", () -> "1");
        registry.add("etlhub.runs.redelivery.delay-millis", () -> "10");
        // Retry a route whose source is down every 300 ms (the hub's default: 5 s doubling up to 5 min).
        registry.add("camel.routecontroller.back-off-delay", () -> "300");
        registry.add("camel.routecontroller.back-off-multiplier", () -> "1");
    }

    private static Path copyConfig() {
        try {
            Path dir = Files.createTempDirectory("etlhub-config");
            for (String folder : List.of("routes", "connectors", "mappings")) {
                Files.createDirectories(dir.resolve(folder));
                try (var files = Files.list(Path.of(folder))) {
                    for (Path f : files.toList()) {
                        String text = Files.readString(f, StandardCharsets.UTF_8);
                        if (folder.equals("routes")) text = text.replaceAll("cron: \".*\"", "cron: \"" + QUIET_CRON + "\"");
                        Files.writeString(dir.resolve(folder).resolve(f.getFileName()), text, StandardCharsets.UTF_8);
                    }
                }
            }
            Files.writeString(dir.resolve("connectors/ops-robot.yml"), """
                    id: ops-robot
                    name: 运维群机器人
                    kind: webhook
                    system: WECOM
                    url: %s
                    properties:
                      channel: wecom
                    """.formatted(ROBOT.url("/cgi-bin/webhook/send?key=ops-key")), StandardCharsets.UTF_8);
            // A connector carrying secrets, to show they never come out.
            Files.writeString(dir.resolve("connectors/mes-webhook.yml"), """
                    id: mes-webhook
                    name: MES 报工回调
                    kind: webhook
                    system: MES
                    url: https://mes.example.cn/hook?token=tok-SECRET-1&site=sz
                    username: etlhub
                    password: conn-SECRET-2
                    properties:
                      signing-key: key-SECRET-3
                      timeout: "30s"
                    """, StandardCharsets.UTF_8);
            // A source that never answers (nothing listens on port 1).
            Files.writeString(dir.resolve("connectors/offline.yml"), """
                    id: offline
                    name: 停机的数据库
                    kind: jdbc
                    url: jdbc:mysql://127.0.0.1:1/offline?connectTimeout=1000
                    username: etlhub
                    """, StandardCharsets.UTF_8);
            // A real source whose account the test locks and unlocks (source down / back).
            DB.exec("CREATE USER IF NOT EXISTS '" + FLAKY_USER + "'@'%' IDENTIFIED BY '" + FLAKY_PASSWORD + "'");
            DB.exec("GRANT SELECT ON it_u8.* TO '" + FLAKY_USER + "'@'%'");
            DB.exec("ALTER USER '" + FLAKY_USER + "'@'%' ACCOUNT UNLOCK");
            Files.writeString(dir.resolve("connectors/flaky.yml"), """
                    id: flaky
                    name: 时好时坏的U8
                    kind: jdbc
                    url: %s
                    username: %s
                    password: %s
                    """.formatted(URLS.get("u8"), FLAKY_USER, FLAKY_PASSWORD), StandardCharsets.UTF_8);
            // A route whose source is down when the hub starts.
            Files.writeString(dir.resolve("routes/offline-receipts.yaml"), """
                    - route:
                        id: offline-receipts
                        routeConfigurationId: etlhub-runs
                        from:
                          uri: direct:offline-receipts
                          steps:
                            - to: etlhub:receipts?source=offline&sourceMapping=u8-receipts&target=crm
                    """, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("routes/test-ledger.yaml"), """
                    # test-only route: writes one row per run
                    - route:
                        id: test-ledger
                        routeConfigurationId: etlhub-runs
                        from:
                          uri: direct:test-ledger
                          steps:
                            - to: etlhub:test-ledger
                    """, StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void remember() throws IOException {
        originalK3 = Files.readString(CONFIG.resolve("routes/receipts-k3.yaml"));
        originalU8 = Files.readString(CONFIG.resolve("routes/receipts-u8.yaml"));
        TestLedgerJob.failing.set(false);
    }

    @AfterEach
    void restore() throws IOException {
        Files.writeString(CONFIG.resolve("routes/receipts-k3.yaml"), originalK3);
        Files.writeString(CONFIG.resolve("routes/receipts-u8.yaml"), originalU8);
        catalog.reload();
    }

    /** Writes batchSise for batchSize in the file; answers the (1-based) line it broke. */
    private static int misspellBatchSize(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int badLine = lines.indexOf("              batchSize: 1000") + 1;
        lines.set(badLine - 1, "              batchSise: 1000");
        Files.write(file, lines);
        return badLine;
    }

    @Test
    void invalidRouteFileIsRejectedWithItsLineWhileTheOthersKeepRunning() throws IOException {
        Path k3 = CONFIG.resolve("routes/receipts-k3.yaml");
        int badLine = misspellBatchSize(k3);

        RouteCatalog.ReloadResult result = admin.reload("admin");

        assertThat(result.rejected()).singleElement().asString()
                .startsWith(k3 + ":" + badLine + ": ").contains("unknown option 'batchSise' of etlhub:receipts");
        assertThat(catalog.problems()).isEqualTo(result.rejected());
        // The rejected route keeps its last valid definition and its trigger; the other one is untouched.
        assertThat(catalog.get("receipts-k3").batchSize()).isEqualTo(1000);
        assertThat(admin.scheduledCron("receipts-k3")).isEqualTo(QUIET_CRON);
        assertThat(admin.scheduledCron("receipts-u8")).isEqualTo(QUIET_CRON);
        assertThat(result.routes()).contains("receipts-k3", "receipts-u8", "test-ledger");
    }

    /**
     * Stopping a route whose file has become unusable is not a refusal: the console and the API say, translated, which
     * file and line cannot be used, the admin gets the problem itself (file:line: what is wrong); nothing is changed.
     */
    @Test
    void aBrokenRouteFileOnStopIsATranslatedSentenceWithTheFileAndLineForTheAdmin() throws Exception {
        Path k3 = CONFIG.resolve("routes/receipts-k3.yaml");
        int badLine = misspellBatchSize(k3);

        io.etlhub.console.ConsoleHttp console = new io.etlhub.console.ConsoleHttp(port);
        console.formLogin("admin", ADMIN_PASSWORD);
        String token = io.etlhub.console.ConsoleHttp.csrfToken(console.withSession("GET", "/console/routes", null).body());
        for (String language : List.of("zh_CN", "en")) {
            HttpResponse<String> stopped = console.withSession("POST", "/console/routes/receipts-k3/stop?lang=" + language, token);
            assertThat(stopped.statusCode()).isEqualTo(302);
            String page = console.page(stopped.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "")).body();
            String sentence = language.equals("en") ? "The file receipts-k3.yaml has an error (line " + badLine + ") and cannot be used"
                    : "文件 receipts-k3.yaml 有错误（第 " + badLine + " 行），无法使用";
            assertThat(page).as(language).contains(sentence).contains("receipts-k3.yaml:" + badLine + ": ")
                    .contains("unknown option &#39;batchSise&#39;");
        }
        HttpResponse<String> api = post("/api/routes/receipts-k3/stop");
        assertThat(api.statusCode()).isEqualTo(400);
        com.fasterxml.jackson.databind.JsonNode answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(api.body());
        assertThat(answer.get("code").asText()).isEqualTo("pipeline.error.configFile");
        assertThat(answer.get("error").asText()).isEqualTo("文件 receipts-k3.yaml 有错误（第 " + badLine + " 行），无法使用，未做任何更改。");
        assertThat(answer.get("detail").asText()).startsWith(k3 + ":" + badLine + ": ").contains("batchSise");
        assertThat(Files.readString(k3)).doesNotContain("autoStartup: false");
        assertThat(audit.recent(100)).noneMatch(e -> e.action().equals("STOP"));
    }

    @Test
    void semanticErrorsAlsoSayTheLine() throws IOException {
        Path u8 = CONFIG.resolve("routes/receipts-u8.yaml");
        List<String> lines = Files.readAllLines(u8);
        int connectorLine = lines.indexOf("              source: u8") + 1;
        lines.set(connectorLine - 1, "              source: u9");
        Files.write(u8, lines);

        assertThat(admin.reload("admin").rejected()).singleElement().asString().startsWith(u8 + ":" + connectorLine + ": ")
                .contains("u9");
        assertThat(catalog.get("receipts-u8").source().connector()).isEqualTo("u8");
    }

    @Test
    void aBrokenConnectorOrMappingFileIsReportedWithItsLine() throws IOException {
        Path connector = CONFIG.resolve("connectors/pos.yml");
        Path mapping = CONFIG.resolve("mappings/pos-sales.yml");
        int routesBefore = catalog.all().size();
        Files.writeString(connector, "id: pos\nkind: jdbc\nurl: jdbc:mysql://pos-db/pos\npool-sise: 4\n");
        Files.writeString(mapping, "tables:\n  sale: [unclosed\n");
        try {
            List<String> rejected = admin.reload("admin").rejected();
            assertThat(rejected).hasSize(2);
            assertThat(rejected.get(0)).startsWith(connector + ":4: unknown key 'pool-sise'");
            assertThat(rejected.get(1)).startsWith(mapping + ":");
            assertThat(catalog.all()).hasSize(routesBefore);
        } finally {
            Files.delete(connector);
            Files.delete(mapping);
        }
        assertThat(admin.reload("admin").rejected()).isEmpty();
    }

    @Test
    void reloadPicksUpAChangedCron() throws IOException {
        Path u8 = CONFIG.resolve("routes/receipts-u8.yaml");
        Files.writeString(u8, originalU8.replace(QUIET_CRON, "0 15 4 * * ?"));

        assertThat(admin.reload("admin").rejected()).isEmpty();

        assertThat(catalog.get("receipts-u8").schedule()).isEqualTo("0 15 4 * * ?");
        assertThat(admin.scheduledCron("receipts-u8")).isEqualTo("0 15 4 * * ?");
        assertThat(admin.status("receipts-u8").nextRun()).isNotNull();
        assertThat(admin.status("receipts-u8").nextRun().toLocalTime()).hasToString("04:15");
    }

    @Test
    void fileWatchPicksUpAChangeWithoutReload() throws Exception {
        Path k3 = CONFIG.resolve("routes/receipts-k3.yaml");
        Files.writeString(k3, originalK3.replace(QUIET_CRON, "0 45 5 * * ?"));

        long deadline = System.currentTimeMillis() + 15_000;
        while ((!"0 45 5 * * ?".equals(admin.scheduledCron("receipts-k3"))
                || audit.recent(100).stream().noneMatch(e -> e.actor().equals("file-watch"))) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(admin.scheduledCron("receipts-k3")).isEqualTo("0 45 5 * * ?");
        assertThat(audit.recent(100)).anyMatch(e -> e.actor().equals("file-watch") && e.action().equals("RELOAD"));
    }

    @Test
    void changingTheCronWritesTheFileKeepsItsCommentsAndIsAudited() throws IOException {
        admin.changeSchedule("receipts-u8", "0 30 1 * * ?", "admin");

        String text = Files.readString(CONFIG.resolve("routes/receipts-u8.yaml"));
        assertThat(text).contains("cron: \"0 30 1 * * ?\"")
                .contains("# Quartz cron (seconds minutes hours day-of-month month day-of-week), Asia/Shanghai.")
                .contains("# U8 收款单 -> CRM 商机回款. Camel YAML DSL; see docs/file-formats.md.");
        assertThat(admin.scheduledCron("receipts-u8")).isEqualTo("0 30 1 * * ?");
        // the file watch also audits its reloads (as file-watch): look at the admin's own entries
        AuditLog.Entry entry = audit.recent(100).stream().filter(e -> e.actor().equals("admin")).findFirst().orElseThrow();
        assertThat(entry.actor()).isEqualTo("admin");
        assertThat(entry.action()).isEqualTo("SCHEDULE");
        assertThat(entry.before()).isEqualTo(QUIET_CRON);
        assertThat(entry.after()).isEqualTo("0 30 1 * * ?");

        assertThatThrownBy(() -> admin.changeSchedule("receipts-u8", "every five minutes", "admin"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid Quartz cron");
        assertThat(Files.readString(CONFIG.resolve("routes/receipts-u8.yaml"))).contains("0 30 1 * * ?");
    }

    @Test
    void stopAndStartWriteEnabledAndUnscheduleTheRoute() throws Exception {
        admin.stop("receipts-k3", "admin");
        assertThat(Files.readString(CONFIG.resolve("routes/receipts-k3.yaml"))).contains("autoStartup: false");
        assertThat(camel.getRouteController().getRouteStatus("receipts-k3").isStopped()).isTrue();
        assertThat(admin.status("receipts-k3").state()).isEqualTo("Stopped");
        assertThatThrownBy(() -> admin.runNow("receipts-k3", "admin", Map.of())).isInstanceOf(RouteStoppedException.class);
        // over HTTP: 409 with the sentence, from the API and from the console's run now (not a 500)
        HttpResponse<String> api = post("/api/routes/receipts-k3/runs");
        assertThat(api.statusCode()).isEqualTo(409);
        assertThat(api.body()).contains("\"code\":\"pipeline.refused.stopped\"").contains("路由“receipts-k3”未启动：请先启动它再运行。");
        io.etlhub.console.ConsoleHttp console = new io.etlhub.console.ConsoleHttp(port);
        console.formLogin("admin", ADMIN_PASSWORD);
        String token = io.etlhub.console.ConsoleHttp.csrfToken(console.withSession("GET", "/console/routes", null).body());
        HttpResponse<String> page = console.withSession("POST", "/console/routes/receipts-k3/run?lang=en", token);
        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.body()).contains("Route &quot;receipts-k3&quot; is not started: start it to run it.");
        assertThat(admin.scheduledCron("receipts-k3")).isNull();
        assertThat(admin.status("receipts-k3").nextRun()).isNull();

        admin.start("receipts-k3", "admin");
        assertThat(admin.scheduledCron("receipts-k3")).isEqualTo(QUIET_CRON);
        assertThat(camel.getRouteController().getRouteStatus("receipts-k3").isStarted()).isTrue();
        assertThat(audit.recent(100).stream().filter(e -> e.actor().equals("admin") && !e.action().startsWith("LOGIN")).limit(2))
                .extracting(AuditLog.Entry::action).containsExactly("START", "STOP");
    }

    @Test
    void aFailedBatchIsADeadLetterThatIsReplayedOnce() throws Exception {
        TestLedgerJob.failing.set(true);
        int callsBefore = TestLedgerJob.calls.get();
        RunSummary failed = admin.runNow("test-ledger", "admin", Map.of("key", "batch-7"));
        assertThat(failed.succeeded()).isFalse();
        // Redelivered once by Camel (etlhub.runs.redelivery.attempts=1), still one run and one dead letter.
        assertThat(TestLedgerJob.calls.get() - callsBefore).isEqualTo(2);
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM route_run WHERE route_id = 'test-ledger'", Integer.class)).isEqualTo(1);

        assertThat(health("test-ledger").getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(health("test-ledger").getMessage()).hasValueSatisfying(m -> assertThat(m).contains("run " + failed.runId() + " failed"));
        // The failed run shows in the hub's health, but one route's failure does not take the hub out of readiness.
        assertThat(get("/actuator/health").statusCode()).isEqualTo(503);
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
        DeadLetters.DeadLetter letter = deadLetters.list(null, failed.runId(), 10).get(0);
        assertThat(letter.payload()).isEqualTo(Map.of("key", "batch-7"));
        assertThat(letter.error()).contains("target table locked");
        assertThat(letter.state()).isEqualTo("NEW");

        // Replay while the fault is still there: the letter stays, no second letter is made.
        RunSummary stillFailing = admin.replay(letter.id(), "admin");
        assertThat(stillFailing.succeeded()).isFalse();
        assertThat(deadLetters.find(letter.id()).state()).isEqualTo("NEW");
        assertThat(deadLetters.list(null, null, 100)).hasSize(1);

        TestLedgerJob.failing.set(false);   // the fix
        RunSummary replayed = admin.replay(letter.id(), "admin");
        assertThat(replayed.succeeded()).isTrue();
        assertThat(health("test-ledger").getState()).isEqualTo(HealthCheck.State.UP);
        assertThatThrownBy(() -> admin.replay(letter.id(), "admin"))
                .isInstanceOf(RouteAdmin.AlreadyReplayedException.class);

        assertThat(hub.queryForList("SELECT record_key FROM test_ledger", String.class)).containsExactly("batch-7");
        DeadLetters.DeadLetter done = deadLetters.find(letter.id());
        assertThat(done.state()).isEqualTo("REPLAYED");
        assertThat(done.replayRunId()).isEqualTo(replayed.runId());
        assertThat(done.replayedBy()).isEqualTo("admin");
    }

    @Test
    void theRunPageDrillsDownToTheFailingRecords() throws Exception {
        TestLedgerJob.failing.set(true);
        RunSummary failed = admin.runNow("test-ledger", "admin", Map.of("key", "batch-9"));

        String page = get("/console/runs/" + failed.runId() + "?lang=en").body();
        assertThat(page).contains("Failing records").contains("run " + failed.runId()).contains("batch-9")
                .contains("target table locked");
    }

    @Test
    void everyRunIsAnExchangeOfItsRouteAndEveryMetricADashboardQueriesIsExported() throws Exception {
        String route = "routeId=\"test-ledger\"";
        String exchanges = "camel_exchanges_total";
        String handled = "camel_exchanges_failures_handled_total";
        String written = "etlhub_test_ledger_total";
        String before = get("/actuator/prometheus").body();
        admin.runNow("test-ledger", "admin", Map.of("key", "metrics"));
        TestLedgerJob.failing.set(true);
        admin.runNow("test-ledger", "admin", Map.of("key", "metrics-failed"));
        HttpResponse<String> scrape = get("/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        // counters are shared by the tests of this context: compare with the scrape before the two runs
        assertThat(value(scrape.body(), exchanges, route) - value(before, exchanges, route)).as(exchanges).isEqualTo(2.0);
        assertThat(value(scrape.body(), handled, route) - value(before, handled, route)).as(handled).isEqualTo(1.0);
        assertThat(value(scrape.body(), written, "route=\"test-ledger\"") - value(before, written, "route=\"test-ledger\""))
                .as(written).isEqualTo(1.0);
        // Runs are counted once, by Camel: the hub's own run counter is gone.
        assertThat(scrape.body()).doesNotContain("etlhub_route_runs_total").doesNotContain("etlhub_route_run_duration");

        Pattern metric = Pattern.compile("\\b((?:etlhub|camel)_[a-z_]+)\\b");
        List<String> queried = new ArrayList<>();
        try (var files = Files.list(Path.of("dashboards"))) {
            for (Path dashboard : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                List<String> exprs = new ArrayList<>();
                new ObjectMapper().readTree(dashboard.toFile()).findValues("expr").forEach(e -> exprs.add(e.asText()));
                new ObjectMapper().readTree(dashboard.toFile()).findValues("query").forEach(e -> exprs.add(e.asText()));
                assertThat(exprs).as(dashboard + " queries").isNotEmpty();
                for (String expr : exprs) {
                    Matcher m = metric.matcher(expr);
                    boolean any = false;
                    while (m.find()) { queried.add(m.group(1)); any = true; }
                    assertThat(any).as(dashboard + ": '" + expr + "' queries no hub or Camel metric").isTrue();
                }
            }
        }
        assertThat(queried).contains("camel_exchanges_total", "etlhub_receipts_total");
        for (String name : queried) {
            assertThat(scrape.body()).as("exported metric " + name).containsPattern("(?m)^" + name + "\\{");
        }
    }

    @Test
    void aStandardCamelStepInARouteFileRunsInEveryRun(CapturedOutput output) throws Exception {
        Path file = CONFIG.resolve("routes/logged-ledger.yaml");
        Files.writeString(file, """
                # the hub's step, then a standard Camel step an admin added
                - route:
                    id: logged-ledger
                    routeConfigurationId: etlhub-runs
                    from:
                      uri: direct:logged-ledger
                      steps:
                        - to: etlhub:test-ledger
                        - to: log:io.etlhub.test.logged-ledger?showHeaders=true
                """, StandardCharsets.UTF_8);
        try {
            assertThat(admin.reload("admin").rejected()).isEmpty();
            NotifyBuilder done = new NotifyBuilder(camel).fromRoute("logged-ledger").whenCompleted(1).create();

            RunSummary run = admin.runNow("logged-ledger", "admin", Map.of("key", "logged"));

            assertThat(done.matches(10, TimeUnit.SECONDS)).as("one exchange of logged-ledger completed").isTrue();
            assertThat(run.succeeded()).isTrue();
            assertThat(run.counts()).containsEntry("written", 1L);
            // The log step saw the run's exchange: its parameters as headers, its summary as the body.
            assertThat(output.getAll()).containsPattern("io\\.etlhub\\.test\\.logged-ledger.*key=logged.*RunSummary\\[runId=" + run.runId());
        } finally {
            Files.delete(file);
            admin.reload("admin");
        }
        assertThat(camel.getRoute("logged-ledger")).isNull();
    }

    @Test
    void aLogStepAndAWebhookStepAddedToARouteFileBothRun(CapturedOutput output) throws Exception {
        Path file = CONFIG.resolve("routes/notified-ledger.yaml");
        Files.writeString(file, """
                # the hub's step, then what an admin adds: a log line and a message to the ops group robot
                - route:
                    id: notified-ledger
                    routeConfigurationId: etlhub-runs
                    from:
                      uri: direct:notified-ledger
                      steps:
                        - to: etlhub:test-ledger
                        - to: log:io.etlhub.test.notified-ledger
                        - setHeader:
                            name: runId
                            simple: "${body.runId}"
                        - setHeader:
                            name: route
                            constant: notified-ledger
                        - setHeader:
                            name: error
                            constant: "-"
                        - to: etlhub-notify:ops-robot?template=run-failed
                """, StandardCharsets.UTF_8);
        try {
            assertThat(admin.reload("admin").rejected()).isEmpty();
            RunSummary run = admin.runNow("notified-ledger", "admin", Map.of("key", "notified"));
            assertThat(run.succeeded()).isTrue();
            assertThat(output.getAll()).containsPattern("io\\.etlhub\\.test\\.notified-ledger.*RunSummary\\[runId=" + run.runId());

            // Delivered through the outbox by the hub's own worker (off in tests: driven here).
            webhookDelivery.deliverDue();
            assertThat(ROBOT.requests()).anySatisfy(r -> {
                assertThat(r.path()).isEqualTo("/cgi-bin/webhook/send");
                assertThat(r.query()).containsEntry("key", "ops-key");
                assertThat(r.body()).contains("notified-ledger").contains("第 " + run.runId() + " 次运行");
            });
        } finally {
            Files.delete(file);
            admin.reload("admin");
        }
    }

    @Test
    void aRouteFileWithAnUnknownKindOrConnectorSaysWhichLine() throws IOException {
        Path file = CONFIG.resolve("routes/broken.yaml");
        Files.writeString(file, """
                - route:
                    id: broken
                    routeConfigurationId: etlhub-runs
                    from:
                      uri: direct:broken
                      steps:
                        - to: etlhub:receipt?source=u8&sourceMapping=u8-receipts
                """, StandardCharsets.UTF_8);
        try {
            assertThat(admin.reload("admin").rejected()).singleElement().asString()
                    .startsWith(file + ":7: unknown kind 'etlhub:receipt'").contains("receipts");
            Files.writeString(file, Files.readString(file).replace("etlhub:receipt?source=u8", "etlhub:receipts?source=u9"));
            assertThat(admin.reload("admin").rejected()).singleElement().asString().startsWith(file + ":7: ").contains("u9");
            assertThat(camel.getRoute("broken")).isNull();
        } finally {
            Files.delete(file);
            admin.reload("admin");
        }
    }

    @Test
    void aRouteWhoseSourceIsDownAtStartDoesNotStartAndCamelKeepsRetryingIt() {
        assertThat(catalog.get("offline-receipts").source().connector()).isEqualTo("offline");
        assertThat(camel.getRouteController().getRouteStatus("offline-receipts").isStarted()).isFalse();
        assertThat(((SupervisingRouteController) camel.getRouteController()).getRestartingRoutes())
                .extracting(org.apache.camel.Route::getRouteId).contains("offline-receipts");
        assertThatThrownBy(() -> admin.runNow("offline-receipts", "admin", Map.of()))
                .isInstanceOf(RouteStoppedException.class).hasMessageContaining("it cannot start")
                .hasMessageContaining("retries it with back-off");
        assertThat(health("offline-receipts").getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(health("offline-receipts").getMessage()).hasValueSatisfying(m -> assertThat(m).contains("source offline unreachable"));
        // The other routes started as usual.
        assertThat(camel.getRouteController().getRouteStatus("receipts-u8").isStarted()).isTrue();
    }

    @Test
    void aRouteAddedWhileItsSourceIsDownWaitsInBackOffAndStartsWhenTheSourceIsBack() throws Exception {
        Path file = CONFIG.resolve("routes/flaky-receipts.yaml");
        DB.exec("ALTER USER '" + FLAKY_USER + "'@'%' ACCOUNT LOCK");
        try {
            Files.writeString(file, """
                    - route:
                        id: flaky-receipts
                        routeConfigurationId: etlhub-runs
                        from:
                          uri: direct:flaky-receipts
                          steps:
                            - to: etlhub:receipts?source=flaky&sourceMapping=u8-receipts&target=crm
                    """, StandardCharsets.UTF_8);
            assertThat(admin.reload("admin").rejected()).isEmpty();
            // Loaded, not started, and retried by Camel's supervising route controller.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
                RouteAdmin.RouteStatus waiting = admin.status("flaky-receipts");
                assertThat(waiting.state()).isEqualTo("Restarting");
                assertThat(waiting.startProblem()).contains("source flaky unreachable").contains("locked");
                assertThat(waiting.startAttempts()).isPositive();
            });
            assertThat(camel.getRouteController().getRouteStatus("flaky-receipts").isStarted()).isFalse();
            assertThatThrownBy(() -> admin.runNow("flaky-receipts", "admin", Map.of())).isInstanceOf(RouteStoppedException.class)
                    .hasMessageContaining("source flaky unreachable").hasMessageContaining("retries it with back-off");
            assertThat(health("flaky-receipts").getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(health("flaky-receipts").getMessage()).hasValueSatisfying(m -> assertThat(m).contains("source flaky unreachable"));
            assertThat(get("/api/routes").body()).contains("\"startProblem\":\"source flaky unreachable");
            assertThat(get("/console/routes?lang=zh_CN").body()).contains("等待重试启动").contains("无法启动：source flaky unreachable");
            assertThat(get("/console/routes?lang=en").body()).contains("Waiting to start, retrying")
                    .contains("cannot start: source flaky unreachable");

            // The source comes back: the next attempt starts the route.
            DB.exec("ALTER USER '" + FLAKY_USER + "'@'%' ACCOUNT UNLOCK");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(camel.getRouteController().getRouteStatus("flaky-receipts").isStarted()).isTrue());
            assertThat(admin.status("flaky-receipts").state()).isEqualTo("Started");
            assertThat(admin.status("flaky-receipts").startProblem()).isNull();
            assertThat(((SupervisingRouteController) camel.getRouteController()).getRestartingRoutes())
                    .extracting(org.apache.camel.Route::getRouteId).doesNotContain("flaky-receipts");
            assertThat(health("flaky-receipts").getState()).isEqualTo(HealthCheck.State.UP);
        } finally {
            DB.exec("ALTER USER '" + FLAKY_USER + "'@'%' ACCOUNT UNLOCK");
            Files.deleteIfExists(file);
            admin.reload("admin");
        }
    }

    @Test
    void aStoppedRouteStartedWhileItsSourceIsDownWaitsInBackOffAndAStopCancelsTheRetries() throws Exception {
        Path file = CONFIG.resolve("routes/flaky-stopped.yaml");
        Files.writeString(file, """
                # shipped stopped: an admin starts it when the source is ready
                - route:
                    id: flaky-stopped
                    autoStartup: false
                    routeConfigurationId: etlhub-runs
                    from:
                      uri: direct:flaky-stopped
                      steps:
                        - to: etlhub:receipts?source=flaky&sourceMapping=u8-receipts&target=crm
                """, StandardCharsets.UTF_8);
        try {
            assertThat(admin.reload("admin").rejected()).isEmpty();
            assertThat(admin.status("flaky-stopped").state()).isEqualTo("Stopped");
            lockFlaky();

            // Started from the API while its source is down: accepted, and Camel retries the start with back-off.
            HttpResponse<String> answer = post("/api/routes/flaky-stopped/start");
            assertThat(answer.statusCode()).isEqualTo(202);
            assertThat(answer.body()).contains("\"state\":\"Restarting\"").contains("\"startProblem\":\"source flaky unreachable");
            assertThat(Files.readString(file)).contains("autoStartup: true").contains("# shipped stopped");
            assertThat(audit.recent(100)).anyMatch(e -> e.action().equals("START") && e.target().equals("route flaky-stopped"));
            Long attempts = admin.status("flaky-stopped").startAttempts();
            assertThat(attempts).isNotNull();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
                RouteAdmin.RouteStatus waiting = admin.status("flaky-stopped");
                assertThat(waiting.state()).isEqualTo("Restarting");
                assertThat(waiting.startProblem()).contains("source flaky unreachable");
                assertThat(waiting.startAttempts()).isGreaterThan(attempts);
            });
            assertThat(get("/console/routes?lang=zh_CN").body()).contains("等待重试启动").contains("无法启动：source flaky unreachable");
            assertThat(get("/console/routes?lang=en").body()).contains("Waiting to start, retrying")
                    .contains("cannot start: source flaky unreachable");

            // Stopped during back-off: the retries end, so the route stays stopped when the source comes back.
            admin.stop("flaky-stopped", "admin");
            assertThat(Files.readString(file)).contains("autoStartup: false");
            assertThat(admin.status("flaky-stopped").state()).isEqualTo("Stopped");
            assertThat(admin.status("flaky-stopped").startProblem()).isNull();
            assertThat(((SupervisingRouteController) camel.getRouteController()).getRestartingRoutes())
                    .extracting(org.apache.camel.Route::getRouteId).doesNotContain("flaky-stopped");
            unlockFlaky();
            // several retry delays (300 ms) pass without a start
            org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(1500)).atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> camel.getRouteController().getRouteStatus("flaky-stopped").isStopped());

            // Started again from the console while the source is down: it says so, and the route starts once the source is back.
            lockFlaky();
            io.etlhub.console.ConsoleHttp browser = new io.etlhub.console.ConsoleHttp(port);
            browser.formLogin("admin", ADMIN_PASSWORD);
            String token = io.etlhub.console.ConsoleHttp.csrfToken(browser.page("/console/routes").body());
            assertThat(browser.withSession("POST", "/console/routes/flaky-stopped/start", token).statusCode()).isEqualTo(302);
            assertThat(browser.page("/console/routes").body())
                    .contains("路由 flaky-stopped 已启用，但其数据源暂不可用（source flaky unreachable");
            assertThat(admin.status("flaky-stopped").state()).isEqualTo("Restarting");
            unlockFlaky();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(camel.getRouteController().getRouteStatus("flaky-stopped").isStarted()).isTrue());
            assertThat(admin.status("flaky-stopped").state()).isEqualTo("Started");
            assertThat(admin.status("flaky-stopped").startProblem()).isNull();
            assertThat(health("flaky-stopped").getState()).isEqualTo(HealthCheck.State.UP);
        } finally {
            unlockFlaky();
            Files.deleteIfExists(file);
            admin.reload("admin");
        }
    }

    /** The flaky source goes down: its account is locked and its open sessions (a pool's idle ones too) are ended. */
    private static void lockFlaky() {
        DB.exec("ALTER USER '" + FLAKY_USER + "'@'%' ACCOUNT LOCK");
        DB.exec("KILL CONNECTION USER '" + FLAKY_USER + "'");
    }

    private static void unlockFlaky() {
        DB.exec("ALTER USER '" + FLAKY_USER + "'@'%' ACCOUNT UNLOCK");
    }

    @Test
    void connectionSecretsAreMaskedInAnswersAndNeverLogged(CapturedOutput output) throws Exception {
        HttpResponse<String> answer = get("/api/connectors");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("mes-webhook").contains("token=******").contains("\"signing-key\":\"******\"")
                .contains("\"timeout\":\"30s\"");
        admin.reload("admin");
        admin.runNow("test-ledger", "admin", Map.of("key", "secrets"));
        StringBuilder everything = new StringBuilder(answer.body());
        for (String path : List.of("/api/routes", "/api/audit", "/console/routes", "/console/audit", "/actuator/prometheus")) {
            everything.append(get(path).body());
        }
        for (String secret : List.of("tok-SECRET-1", "conn-SECRET-2", "key-SECRET-3")) {
            assertThat(everything.toString()).doesNotContain(secret);
            assertThat(output.getAll()).doesNotContain(secret);
        }
    }

    private HealthCheck.Result health(String routeId) {
        return HealthCheckRegistry.get(camel).getCheck("route-run:" + routeId).orElseThrow().call();
    }

    /** The sum of the series of {@code metric} whose labels contain {@code label}. */
    static double value(String scrape, String metric, String label) {
        return scrape.lines().filter(l -> l.startsWith(metric + "{") && l.substring(0, l.lastIndexOf('}') + 1).contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private HttpResponse<String> post(String path) throws Exception {
        String auth = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + auth).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path) throws Exception {
        String auth = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + auth).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
