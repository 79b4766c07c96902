package io.etlhub.quality;

import io.etlhub.connector.ConfigFileException;
import io.etlhub.connector.ConnectorDefinition;
import io.etlhub.connector.MappingCatalog;
import io.etlhub.connector.debezium.CdcEngines;
import io.etlhub.demo.CrmWriter;
import io.etlhub.pipeline.RouteAdmin;
import io.etlhub.pipeline.RouteCatalog;
import io.etlhub.support.HubIntegrationTest;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped route routes/stage-capture.yaml ({@code from: etlhub-cdc:crm-cdc} to {@code etlhub:stage-capture})
 * on the tests' MariaDB with the binlog on (Debezium's MariaDB connector, embedded, no Kafka): stage
 * changes of it_crm.crm_opportunity land in the hub's quality_stage_history, across a stop and start of
 * the route between two changes, none lost and none doubled; the console lists the route with its lag.
 */
class StageCaptureIntegrationTest extends HubIntegrationTest {
    static final String ROUTE = "stage-capture";

    @Autowired
    CamelContext camel;
    @Autowired
    MappingCatalog mappings;
    @Autowired
    CdcEngines engines;
    @Autowired
    RouteAdmin admin;
    @Autowired
    RouteCatalog catalog;

    /**
     * The shipped crm-cdc connector on the tests' MariaDB, as the MariaDB flavour with a server id of its
     * own: the etlhub-cdc endpoint finds a connector bound in the Camel registry before connectors/.
     */
    void crmCdc(String url) {
        ConnectorDefinition crm = connectors.get("crm-cdc");
        camel.getRegistry().bind("crm-cdc", ConnectorDefinition.class, new ConnectorDefinition("crm-cdc", crm.name(), crm.kind(),
                crm.system(), url == null ? crm.url() : url,
                // The credentials come from CRM_JDBC_USER/CRM_JDBC_PASSWORD through connectors/crm-cdc.yml.
                crm.username(), crm.password(), null, Map.of("flavour", "mariadb", "server-id", String.valueOf(90000 + (System.nanoTime() % 9000))),
                crm.file()));
    }

    void start() throws Exception { camel.getRouteController().startRoute(ROUTE); }

    void stop() throws Exception { camel.getRouteController().stopRoute(ROUTE); }

    boolean streaming() { return engines.status(ROUTE) != null && engines.status(ROUTE).streaming(); }

    Health health() { return engines.health(ROUTE); }

    @AfterEach
    void stopCapture() throws Exception {
        stop();
        camel.getRegistry().unbind("crm-cdc");
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    List<String> history() {
        return hub.queryForList("SELECT CONCAT(opportunity_no, ':', COALESCE(from_stage, '-'), '>', to_stage, ':', owner) "
                + "FROM quality_stage_history ORDER BY id", String.class);
    }

    /** The shipped route capturing the tests' CRM, streaming, and opportunity 1 created at 线索 (owner 张三). */
    void captureWithOneOpportunity() throws Exception {
        crmCdc(null);
        start();
        await("the connector to stream", this::streaming);
        new CrmWriter(crmDb()).insertOpportunities(List.of(new CrmWriter.Opp(1, "OPP-2026-00001", 1, "线索", "张三", "CNY",
                new BigDecimal("100.00"), null, null)));
    }

    @Test
    void theShippedRouteIsListedStoppedAndCannotBeRunByHand() {
        RouteAdmin.RouteStatus status = admin.status(ROUTE);
        assertThat(status.kind()).isEqualTo("stage-capture");
        assertThat(status.enabled()).as("autoStartup: false in the shipped file (the demo's H2 CRM has no binlog)").isFalse();
        assertThat(status.state()).isEqualTo("Stopped");
        assertThat(status.source().connector()).isEqualTo("crm-cdc");
        assertThat(admin.list()).extracting(RouteAdmin.RouteStatus::id).contains(ROUTE);
        assertThatThrownBy(() -> admin.runNow(ROUTE, "admin", Map.of())).hasMessageContaining("no runs to start");
    }

    @Test
    void capturesEveryStageChangeAcrossARestartOnceEach() throws Exception {
        crmCdc(null);
        start();
        await("the connector to stream", this::streaming);
        assertThat(health().getStatus()).isEqualTo(Status.UP);

        new CrmWriter(crmDb()).insertOpportunities(List.of(new CrmWriter.Opp(1, "OPP-2026-00001", 1, "线索", "张三", "CNY",
                new BigDecimal("100.00"), null, null)));
        crmDb().update("UPDATE crm_opportunity SET stage = '需求确认' WHERE id = 1");
        // Not a stage change: no row
        crmDb().update("UPDATE crm_opportunity SET name = '改名' WHERE id = 1");
        await("two changes", () -> history().size() == 2);
        // The console and GET /api/routes list the capture with its state and lag
        await("the third change processed", () -> engines.status(ROUTE).processed() == 3);
        RouteAdmin.RouteStatus listed = admin.status(ROUTE);
        assertThat(listed.state()).isEqualTo("Started");
        assertThat(listed.capture().streaming()).isTrue();
        assertThat(listed.lagSeconds()).isNotNull().isBetween(0.0, 60.0);

        stop();
        assertThat(health().getStatus()).isEqualTo(Status.DOWN);
        // Changed while the capture is stopped: must arrive after the restart
        crmDb().update("UPDATE crm_opportunity SET stage = '成交' WHERE id = 1");
        crmDb().update("UPDATE crm_opportunity SET stage = '谈判', owner = '李四' WHERE id = 1");
        start();
        await("the changes made while stopped", () -> history().size() == 4);
        crmDb().update("UPDATE crm_opportunity SET stage = '成交' WHERE id = 1");
        await("the change after the restart", () -> history().size() == 5);

        // A second restart replays nothing
        stop();
        start();
        await("the connector to stream again", this::streaming);
        crmDb().update("UPDATE crm_opportunity SET stage = '输单' WHERE id = 1");
        await("the last change", () -> history().size() == 6);
        TimeUnit.SECONDS.sleep(2);
        assertThat(history()).containsExactly(
                "OPP-2026-00001:->线索:张三",
                "OPP-2026-00001:线索>需求确认:张三",
                "OPP-2026-00001:需求确认>成交:张三",
                "OPP-2026-00001:成交>谈判:李四",
                "OPP-2026-00001:谈判>成交:李四",
                "OPP-2026-00001:成交>输单:李四");
        // Each change is an exchange of the route, not a run: no run rows, no dead letters
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM route_run WHERE route_id = ?", Long.class, ROUTE)).isZero();
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE route_id = ?", Long.class, ROUTE)).isZero();
    }

    @Test
    void aStageChangeTheHubRefusedIsDeadLetteredWholeAndItsReplayRecordsItOnce() throws Exception {
        // The hub's stage history refuses one change (a stand-in for any fault of the step, fixed later by an admin).
        hub.execute("CREATE TRIGGER qsh_refuse BEFORE INSERT ON quality_stage_history FOR EACH ROW BEGIN "
                + "IF NEW.to_stage = '谈判' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'stage history refused'; END IF; END");
        try {
            captureWithOneOpportunity();
            crmDb().update("UPDATE crm_opportunity SET stage = '谈判' WHERE id = 1");
            crmDb().update("UPDATE crm_opportunity SET stage = '成交' WHERE id = 1");
            await("the change after the refused one", () -> history().size() == 2);
            await("the refused change dead-lettered", () -> engines.status(ROUTE).deadLettered() == 1);

            // Through the shared route configuration's dead-letter channel, with the change as payload and kept whole.
            Map<String, Object> letter = hub.queryForMap("SELECT id, record_key, payload, error_message, state FROM dead_letter "
                    + "WHERE route_id = ?", ROUTE);
            long id = ((Number) letter.get("id")).longValue();
            assertThat(letter.get("payload")).asString().contains("\"kind\":\"cdc-event\"").contains("\"operation\":\"u\"");
            assertThat(letter.get("error_message")).asString().contains("stage history refused");
            assertThat(hub.queryForObject("SELECT COUNT(*) FROM dead_letter_event WHERE dead_letter_id = ?", Long.class, id)).isEqualTo(1);
            assertThat(hub.queryForObject("SELECT COUNT(*) FROM cdc_event_seen WHERE engine = ? AND event_key = ?", Long.class, ROUTE,
                    letter.get("record_key"))).as("the idempotent consumer has seen it").isEqualTo(1);

            // Replayed before the fix: fails again, the letter stays NEW with the error, no second letter.
            io.etlhub.pipeline.RunSummary early = admin.replay(id, "admin");
            assertThat(early.status()).isEqualTo("FAILED");
            assertThat(hub.queryForObject("SELECT state FROM dead_letter WHERE id = ?", String.class, id)).isEqualTo("NEW");

            hub.execute("DROP TRIGGER qsh_refuse");
            io.etlhub.pipeline.RunSummary replayed = admin.replay(id, "admin");
            assertThat(replayed.status()).isEqualTo("SUCCEEDED");
            assertThat(history()).containsExactly("OPP-2026-00001:->线索:张三", "OPP-2026-00001:谈判>成交:张三",
                    "OPP-2026-00001:线索>谈判:张三");
            assertThat(hub.queryForObject("SELECT state FROM dead_letter WHERE id = ?", String.class, id)).isEqualTo("REPLAYED");
            assertThatThrownBy(() -> admin.replay(id, "admin")).isInstanceOf(RouteAdmin.AlreadyReplayedException.class);
            assertThat(history()).as("a second replay applies nothing").hasSize(3);
            assertThat(hub.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE route_id = ?", Long.class, ROUTE)).isEqualTo(1);
        } finally {
            hub.execute("DROP TRIGGER IF EXISTS qsh_refuse");
        }
    }

    /**
     * A hub upgraded from the version where quality ran the capture as engine 'stage-capture-crm-cdc': migration V21_2
     * carries its position over to the route's engine, so the change made while the hub was being upgraded arrives (the
     * route takes no new snapshot, which with snapshotMode no_data would start at the binlog's end and miss it).
     */
    @Test
    void theOldEnginesPositionIsCarriedOverSoNothingIsMissed() throws Exception {
        captureWithOneOpportunity();
        await("the first change", () -> history().size() == 1);
        stop();
        // What the old version left: the same position and history under the old engine id and names, none for the route.
        String old = "stage-capture-crm-cdc";
        hub.update("UPDATE cdc_offset SET engine = ?, offset_key = REPLACE(REPLACE(offset_key, '\"etlhub-stage-capture\"', "
                + "'\"etlhub-stage-capture-crm-cdc\"'), '\"stage-capture\"', '\"stage-capture-crm-cdc\"') WHERE engine = ?", old, ROUTE);
        hub.update("UPDATE cdc_schema_history SET engine = ?, record = REPLACE(record, '\"etlhub-stage-capture\"', "
                + "'\"etlhub-stage-capture-crm-cdc\"') WHERE engine = ?", old, ROUTE);
        hub.update("UPDATE cdc_event_seen SET engine = ? WHERE engine = ?", old, ROUTE);
        assertThat(hub.queryForObject("SELECT offset_key FROM cdc_offset WHERE engine = ?", String.class, old))
                .contains("\"stage-capture-crm-cdc\"").contains("\"etlhub-stage-capture-crm-cdc\"");
        crmDb().update("UPDATE crm_opportunity SET stage = '需求确认' WHERE id = 1");

        io.etlhub.demo.SqlScripts.run(hub.getDataSource(), "db/migration/hub/V21_2__stage_capture_engine_id.sql");
        io.etlhub.demo.SqlScripts.run(hub.getDataSource(), "db/migration/hub/V21_2__stage_capture_engine_id.sql");
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM cdc_offset WHERE engine = ?", Long.class, ROUTE))
                .as("carried once, a second run copies nothing")
                .isEqualTo(hub.queryForObject("SELECT COUNT(*) FROM cdc_offset WHERE engine = ?", Long.class, old));
        assertThat(hub.queryForObject("SELECT offset_key FROM cdc_offset WHERE engine = ?", String.class, ROUTE))
                .contains("\"stage-capture\"").contains("\"etlhub-stage-capture\"").doesNotContain("crm-cdc");

        start();
        await("the change made during the upgrade", () -> history().size() == 2);
        assertThat(history()).containsExactly("OPP-2026-00001:->线索:张三", "OPP-2026-00001:线索>需求确认:张三");
    }

    @Test
    void aCaptureThatCannotStreamIsReportedDownNotSilent() throws Exception {
        // Nothing listens on port 1: the engine fails, the Camel route itself stays started.
        crmCdc("jdbc:mysql://127.0.0.1:1/it_crm");
        start();
        assertThat(camel.getRouteController().getRouteStatus(ROUTE).isStarted()).isTrue();
        await("the capture to turn DOWN", () -> health().getStatus().equals(Status.DOWN));
        assertThat(health().getDetails().get("reason")).asString().contains("not streaming the binlog");
    }

    @Test
    void theCapturedHistoryFeedsTheStageRules() throws Exception {
        crmCdc(null);
        start();
        await("the connector to stream", this::streaming);
        new CrmWriter(crmDb()).insertOpportunities(List.of(new CrmWriter.Opp(2, "OPP-2026-00002", 1, "线索", "王五", "CNY",
                new BigDecimal("100.00"), null, null)));
        crmDb().update("UPDATE crm_opportunity SET stage = '成交' WHERE id = 2");
        await("two changes", () -> history().size() == 2);
        // Read back through the hub source: 1 opportunity moved this month, with 1 jump (线索 -> 成交) = 100.00 %
        QualitySettings settings = mappings.read("quality", QualitySettings.class);
        StageRules rules = new StageRules(StageHistorySource.hub(hub, io.etlhub.connector.Dialect.MYSQL), settings);
        ReportPeriod thisMonth = new ReportPeriod(java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")));
        RuleOutcome jumps = rules.evaluate(thisMonth).get(0);
        assertThat(jumps.metric().value()).isEqualByComparingTo("100.00");
        assertThat(jumps.findings()).extracting(Finding::recordNo, Finding::owner).containsExactly(org.assertj.core.groups.Tuple.tuple("OPP-2026-00002", "王五"));
    }

    @Test
    void aStageCaptureFileIsCheckedWithFileAndLine(@TempDir Path dir) throws Exception {
        String shipped = Files.readString(Path.of("routes/stage-capture.yaml"));
        Path file = dir.resolve("stage-capture.yaml");

        Files.writeString(file, shipped.replace("tables: crm_opportunity", "tables: crm_customer"));
        assertThatThrownBy(() -> catalog.parse(file)).isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("stage-capture.yaml:" + lineOf(shipped, "- to: etlhub:stage-capture") + ":")
                .hasMessageContaining("opportunity table 'crm_opportunity'");

        Files.writeString(file, shipped.replace("uri: etlhub-cdc:crm-cdc", "uri: etlhub-cdc:u8"));
        assertThatThrownBy(() -> catalog.parse(file)).isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("stage-capture.yaml:" + lineOf(shipped, "uri: etlhub-cdc:crm-cdc") + ":")
                .hasMessageContaining("etlhub-cdc needs kind: debezium");

        Files.writeString(file, shipped.replace("uri: etlhub-cdc:crm-cdc", "uri: quartz:etlhub/stage-capture"));
        assertThatThrownBy(() -> catalog.parse(file)).isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("etlhub:stage-capture takes changes");
    }

    static int lineOf(String text, String part) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(part)) return i + 1;
        throw new AssertionError(part + " not in the file");
    }
}
