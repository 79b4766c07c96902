package io.etlhub.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlhub.connector.ConnectorDefinition;
import io.etlhub.connector.webhook.Outbox;
import io.etlhub.connector.webhook.WebhookDelivery;
import io.etlhub.demo.U8ReceiptWriter;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunFinished;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.HubIntegrationTest;
import io.etlhub.support.LoopbackHttp;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.IncompleteEventPublications;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receipts run that leaves a receipt unmatched ends, as events through Spring Modulith's JDBC
 * publication registry, in a WeCom message to finance (the route file routes/notify-unmatched.yaml):
 * RunFinished -> receipts -> ReceiptsLeftUnmatched -> notification -> direct:receipts-left-unmatched ->
 * etlhub-notify:finance-wecom -> outbox -> robot (an HTTP server on loopback).
 * The receipts module knows nothing of webhooks. A publication handed out again after a crash does
 * not send the message twice.
 */
class EventNotificationIntegrationTest extends HubIntegrationTest {
    static final LoopbackHttp FINANCE_ROBOT = new LoopbackHttp();

    @Autowired
    RouteRunner runner;
    @Autowired
    CamelContext camel;
    @Autowired
    Outbox outbox;
    @Autowired
    WebhookDelivery worker;
    @Autowired
    IncompleteEventPublications incomplete;
    @Autowired
    io.etlhub.pipeline.RouteAdmin admin;
    @Autowired
    io.etlhub.pipeline.RouteCatalog catalog;
    @Autowired
    org.springframework.context.ApplicationEventPublisher events;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @BeforeEach
    void financeRobotOnLoopback() throws Exception {
        FINANCE_ROBOT.reset();
        // finance-wecom of connectors/ has no url here (FINANCE_WECOM_URL unset): this binding stands in for it.
        camel.getRegistry().bind("finance-wecom", ConnectorDefinition.class, new ConnectorDefinition("finance-wecom", "财务企业微信群",
                "webhook", "WeCom", FINANCE_ROBOT.url("/cgi-bin/webhook/send?key=finance"), null, null, null,
                Map.of("channel", "wecom"), null));
    }

    @AfterEach
    void unbind() throws Exception {
        camel.getRegistry().unbind("finance-wecom");
    }

    @AfterAll
    static void stopServer() {
        FINANCE_ROBOT.close();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    long openPublications() {
        return hub.queryForObject("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE COMPLETION_DATE IS NULL", Long.class);
    }

    @Test
    void unmatchedReceiptsNotifyFinanceOnceThroughTheEventRegistry() throws Exception {
        new U8ReceiptWriter(u8Db()).insert(List.of(new U8ReceiptWriter.Receipt(21, "48", "SK000021", LocalDate.parse("2026-10-09"),
                "C00001", "人民币", 1.0, List.of(new BigDecimal("100.00")), "货款", "王会计")));

        RunSummary run = runner.run("receipts-u8", Trigger.MANUAL, "test", Map.of());
        assertThat(run.count("unmatched")).isEqualTo(1);

        await("the notification in the outbox", () -> !outbox.list(null, "finance-wecom", 10).isEmpty());
        await("every listener to finish", () -> openPublications() == 0);
        List<String> events = hub.queryForList("SELECT EVENT_TYPE FROM EVENT_PUBLICATION ORDER BY PUBLICATION_DATE", String.class);
        assertThat(events).contains("io.etlhub.pipeline.RunFinished", "io.etlhub.receipts.ReceiptsLeftUnmatched");
        Outbox.Entry queued = outbox.list(null, "finance-wecom", 10).get(0);
        assertThat(queued.eventId()).isEqualTo("receipts-left-unmatched:receipts-u8:" + run.runId());
        assertThat(queued.title()).isEqualTo("回款未匹配：receipts-u8");
        // ops-dingtalk (rule run-failed) has no url and the run succeeded: nothing for it
        assertThat(outbox.list(null, "ops-dingtalk", 10)).isEmpty();

        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(FINANCE_ROBOT.requests()).hasSize(1);
        String content = new ObjectMapper().readTree(FINANCE_ROBOT.requests().get(0).body()).at("/markdown/content").asText();
        assertThat(content).contains("receipts-u8").contains("第 " + run.runId() + " 次运行").contains("**1** 张收款单");

        // After a crash the registry hands the publications out again: the outbox keeps it at one message
        hub.update("UPDATE EVENT_PUBLICATION SET COMPLETION_DATE = NULL");
        incomplete.resubmitIncompletePublications(publication -> true);
        await("the resubmitted publications to finish", () -> openPublications() == 0);
        assertThat(outbox.list(null, "finance-wecom", 10)).hasSize(1);
        assertThat(worker.deliverDue()).isZero();
        assertThat(FINANCE_ROBOT.requests()).hasSize(1);
    }

    @Test
    void aFailedRunsMessageToTheOpsGroupCarriesNoSqlAndNoServerPath() throws Exception {
        LoopbackHttp opsRobot = new LoopbackHttp();
        camel.getRegistry().bind("ops-dingtalk", ConnectorDefinition.class, new ConnectorDefinition("ops-dingtalk", "运维钉钉群",
                "webhook", "DingTalk", opsRobot.url("/robot/send?access_token=ops"), null, null, null,
                Map.of("channel", "dingtalk", "format", "markdown"), null));
        try {
            publish(new RunFinished("health-report", "report", 9101, "FAILED", Map.of(),
                    "PreparedStatementCallback; bad SQL grammar [INSERT INTO quality_metric (report_id) VALUES (?)]; "
                            + "(conn=42) Table 'hub.quality_metric' doesn't exist"));
            publish(new RunFinished("reconcile", "reconciliation", 9102, "FAILED", Map.of(),
                    "cannot write /srv/etlhub/output/reconciliation-2026-10.xlsx: disk full"));
            await("both messages in the outbox", () -> outbox.list(null, "ops-dingtalk", 10).size() == 2);

            Map<String, String> textByEvent = new java.util.HashMap<>();
            outbox.list(null, "ops-dingtalk", 10).forEach(e -> textByEvent.put(e.eventId(), e.text()));
            assertThat(textByEvent.get("run-failed:health-report:9101"))
                    .contains("第 9101 次运行失败").contains("服务器处理请求失败")
                    .doesNotContain("INSERT").doesNotContain("quality_metric").doesNotContain("conn=");
            assertThat(textByEvent.get("run-failed:reconcile:9102"))
                    .contains("reconciliation-2026-10.xlsx: disk full").doesNotContain("/srv/etlhub");
            // the run history keeps the cause for the admin: only the message leaving the hub is cut
        } finally {
            camel.getRegistry().unbind("ops-dingtalk");
            opsRobot.close();
        }
    }

    void publish(RunFinished event) {
        transactions.executeWithoutResult(status -> events.publishEvent(event));
    }

    @Test
    void theNotificationIsARouteTheConsoleListsAndStoppingItQueuesNothing() throws Exception {
        io.etlhub.pipeline.RouteAdmin.RouteStatus route = admin.status("notify-unmatched");
        assertThat(route.kind()).isEqualTo("event");
        assertThat(route.state()).isEqualTo("Started");
        assertThat(admin.list()).extracting(io.etlhub.pipeline.RouteAdmin.RouteStatus::id).contains("notify-unmatched", "notify-run-failed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> admin.runNow("notify-unmatched", "admin", Map.of()))
                .hasMessageContaining("no runs to start");

        camel.getRouteController().stopRoute("notify-unmatched");
        try {
            new U8ReceiptWriter(u8Db()).insert(List.of(new U8ReceiptWriter.Receipt(22, "48", "SK000022", LocalDate.parse("2026-10-09"),
                    "C00001", "人民币", 1.0, List.of(new BigDecimal("100.00")), "货款", "王会计")));
            RunSummary run = runner.run("receipts-u8", Trigger.MANUAL, "test", Map.of());
            assertThat(run.count("unmatched")).isEqualTo(1);
            await("every listener to finish", () -> openPublications() == 0);
            assertThat(outbox.list(null, "finance-wecom", 10)).isEmpty();
        } finally {
            camel.getRouteController().startRoute("notify-unmatched");
        }
    }

    @Test
    void anEventRouteFileIsCheckedWithFileAndLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String shipped = java.nio.file.Files.readString(java.nio.file.Path.of("routes/notify-unmatched.yaml"));
        java.nio.file.Path file = dir.resolve("notify-unmatched.yaml");

        java.nio.file.Files.writeString(file, shipped.replace("uri: direct:receipts-left-unmatched", "uri: direct:receipts-left-unmatchd"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalog.parse(file))
                .hasMessageContaining("notify-unmatched.yaml:").hasMessageContaining("unknown event 'direct:receipts-left-unmatchd'");

        java.nio.file.Files.writeString(file, shipped.replace("etlhub-notify:finance-wecom", "etlhub-notify:u8"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalog.parse(file))
                .hasMessageContaining("notify-unmatched.yaml:" + lineOf(shipped, "- to: etlhub-notify:finance-wecom") + ":")
                .hasMessageContaining("etlhub-notify needs kind: webhook");
    }

    static int lineOf(String text, String part) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(part)) return i + 1;
        throw new AssertionError(part + " not in the file");
    }
}
