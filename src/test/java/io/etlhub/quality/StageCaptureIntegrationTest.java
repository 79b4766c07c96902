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
