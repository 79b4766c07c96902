package io.etlhub.quality;

import io.etlhub.connector.ConnectorDefinition;
import io.etlhub.connector.MappingCatalog;
import io.etlhub.connector.debezium.CdcEngines;
import io.etlhub.crm.CrmSchema;
import io.etlhub.demo.CrmWriter;
import io.etlhub.support.HubIntegrationTest;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debezium (MariaDB connector, embedded, no Kafka) on the tests' MariaDB with the binlog on:
 * stage changes of it_crm.crm_opportunity land in the hub's quality_stage_history, across a stop
 * and start of the capture between two changes, none lost and none doubled.
 */
class StageCaptureIntegrationTest extends HubIntegrationTest {
    @Autowired
    CamelContext camel;
    @Autowired
    MappingCatalog mappings;
    @Autowired
    CdcEngines engines;

    StageCapture capture;

    StageCapture capture(String name, String flavour, String url) throws Exception {
        ConnectorDefinition crm = connectors.get("crm-cdc");
        ConnectorDefinition mariadb = new ConnectorDefinition(name, crm.name(), crm.kind(), crm.system(), url == null ? crm.url() : url,
                // The credentials come from CRM_JDBC_USER/CRM_JDBC_PASSWORD through connectors/crm-cdc.yml.
                crm.username(), crm.password(), null, Map.of("flavour", flavour, "server-id", String.valueOf(90000 + (System.nanoTime() % 9000))), crm.file());
        // The etlhub-cdc endpoint finds a connector bound in the Camel registry before connectors/.
        camel.getRegistry().bind(name, ConnectorDefinition.class, mariadb);
        StageCaptureSettings settings = new StageCaptureSettings(name, mappings.read("crm", CrmSchema.class).table("opportunity"), 200, 5);
        Clock clock = Clock.system(java.time.ZoneId.of("Asia/Shanghai"));
        StageCapture c = new StageCapture(camel, settings, new StageChangeRecorder(hub, settings, clock.getZone(), clock), engines);
        c.install();
        return c;
    }

    @AfterEach
    void removeCapture() throws Exception {
        if (capture != null) capture.uninstall();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
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
    void capturesEveryStageChangeAcrossARestartOnceEach() throws Exception {
        capture = capture("crm-cdc-it", "mariadb", null);
        capture.start();
        await("the connector to stream", capture::streaming);
        assertThat(capture.health().getStatus()).isEqualTo(Status.UP);

        new CrmWriter(crmDb()).insertOpportunities(List.of(new CrmWriter.Opp(1, "OPP-2026-00001", 1, "线索", "张三", "CNY",
                new BigDecimal("100.00"), null, null)));
        crmDb().update("UPDATE crm_opportunity SET stage = '需求确认' WHERE id = 1");
        // Not a stage change: no row
        crmDb().update("UPDATE crm_opportunity SET name = '改名' WHERE id = 1");
        await("two changes", () -> history().size() == 2);

        capture.stop();
        assertThat(capture.health().getStatus()).isEqualTo(Status.DOWN);
        // Changed while the capture is stopped: must arrive after the restart
        crmDb().update("UPDATE crm_opportunity SET stage = '成交' WHERE id = 1");
        crmDb().update("UPDATE crm_opportunity SET stage = '谈判', owner = '李四' WHERE id = 1");
        capture.start();
        await("the changes made while stopped", () -> history().size() == 4);
        crmDb().update("UPDATE crm_opportunity SET stage = '成交' WHERE id = 1");
        await("the change after the restart", () -> history().size() == 5);

        // A second restart replays nothing
        capture.stop();
        capture.start();
        await("the connector to stream again", capture::streaming);
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
        assertThat(capture.captured()).isEqualTo(6);
    }

    @Test
    void aCaptureThatCannotStreamIsReportedDownNotSilent() throws Exception {
        // Nothing listens on port 1: the engine fails, the Camel route itself stays started.
        capture = capture("crm-cdc-down", "mariadb", "jdbc:mysql://127.0.0.1:1/it_crm");
        capture.start();
        assertThat(camel.getRouteController().getRouteStatus("stage-capture-crm-cdc-down").isStarted()).isTrue();
        await("the start grace period to pass", () -> capture.health().getStatus().equals(Status.DOWN));
        assertThat(capture.health().getDetails().get("reason")).asString().contains("not streaming the binlog");
    }

    @Test
    void theCapturedHistoryFeedsTheStageRules() throws Exception {
        capture = capture("crm-cdc-rules", "mariadb", null);
        capture.start();
        await("the connector to stream", capture::streaming);
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
}
