package io.etlhub.lapse;

import io.etlhub.connector.ConnectorDefinition;
import io.etlhub.connector.debezium.CdcEngines;
import io.etlhub.connector.webhook.DeliverySettings;
import io.etlhub.connector.webhook.Outbox;
import io.etlhub.connector.webhook.WebhookDelivery;
import io.etlhub.connector.webhook.WebhookEndpoints;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.HubIntegrationTest;
import io.etlhub.support.LoopbackHttp;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.etlhub.lapse.rules.LapseRule;
import io.etlhub.lapse.rules.LapseVerdict;
import io.etlhub.lapse.rules.MemberRhythm;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sales inserted into a Sixun-shaped POS database on the tests' MariaDB (binlog on) reach the rhythm
 * through the route pos-lapse (etlhub-cdc:pos-cdc, Debezium's MariaDB connector); the daily evaluation
 * fires once per lapse episode, a visit re-arms it, and the capture replaying from an older position or
 * a new delivery worker sends no second message (a real restart of the hub: LapseRestartIntegrationTest).
 * The store's robot is an HTTP server on loopback checking DingTalk's signature.
 */
@TestPropertySource(properties = "etlhub.lapse.rules-by-tier.default=test-silent-over-21-days")
class LapseCdcIntegrationTest extends HubIntegrationTest {

    /**
     * The triggers are under test here, not the rules (io.etlhub.lapse.rules has its own tests): one
     * plain rule whose verdict the test can state in advance.
     */
    @TestConfiguration
    static class PlainRule {
        @Bean
        LapseRule testSilentOver21Days() {
            return new LapseRule() {
                @Override
                public String name() { return "test-silent-over-21-days"; }

                @Override
                public LapseVerdict evaluate(MemberRhythm member, LocalDate today) {
                    LocalDate last = member.visitDays().get(member.visitDays().size() - 1);
                    long silent = java.time.temporal.ChronoUnit.DAYS.between(last, today);
                    return new LapseVerdict(name(), silent > 21, silent, "已" + silent + "天未到店（超过21天）",
                            "silent " + silent + " days (over 21)");
                }
            };
        }
    }

    static final String ROUTE = "pos-lapse";
    static final String SECRET = "SEC-store-robot-secret";
    static final LoopbackHttp ROBOT = new LoopbackHttp();
    static final String POS_URL = DB.freshDatabase("it_pos");

    /** The polling route's jdbc connector (connectors/pos.yml) reads the same POS database. */
    @DynamicPropertySource
    static void posConnector(DynamicPropertyRegistry registry) {
        registry.add("POS_JDBC_URL", () -> POS_URL);
        registry.add("POS_JDBC_USER", DB::user);
        registry.add("POS_JDBC_PASSWORD", DB::password);
    }

    @Autowired
    CamelContext camel;
    @Autowired
    CdcEngines engines;
    @Autowired
    RouteRunner runner;
    @Autowired
    Outbox outbox;
    @Autowired
    WebhookEndpoints endpoints;
    @Autowired
    Clock clock;

    JdbcTemplate pos;
    SixunPos till;
    LocalDate today;

    @BeforeEach
    void posDatabaseAndRobot() {
        pos = new JdbcTemplate(new DriverManagerDataSource(POS_URL, DB.user(), DB.password()));
        till = new SixunPos(pos).createTables();
        ConnectorDefinition db = new ConnectorDefinition("pos-cdc", "POS", "debezium", "POS", POS_URL, DB.user(), DB.password(), null,
                Map.of("flavour", "mariadb", "server-id", "91313"), null);
        camel.getRegistry().bind("pos-cdc", ConnectorDefinition.class, db);
        camel.getRegistry().bind("store-dingtalk", ConnectorDefinition.class, new ConnectorDefinition("store-dingtalk", "store", "webhook",
                "DingTalk", ROBOT.url("/robot/send?access_token=store-token"), null, SECRET, null, Map.of("channel", "dingtalk"), null));
        ROBOT.reset();
        today = LocalDate.now(clock);
    }

    @AfterEach
    void stopCapture() throws Exception {
        camel.getRouteController().stopRoute(ROUTE);
    }

    @AfterAll
    static void stopRobot() {
        ROBOT.close();
    }

    void sell(String card, String store, LocalDate day, String sellWay, String... itemCategoryAmount) {
        till.sell(card, store, day, sellWay, itemCategoryAmount);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        SixunPos.await(what, condition);
    }

    long count(String sql, Object... args) {
        return hub.queryForObject(sql, Long.class, args);
    }

    RunSummary evaluate() {
        return runner.run("lapse-evaluate", Trigger.MANUAL, "test", Map.of("date", today.toString()));
    }

    WebhookDelivery newWorker() {
        return new WebhookDelivery(outbox, endpoints, new DeliverySettings(Duration.ofMillis(500), Duration.ofSeconds(5), 3, 20,
                Duration.ofSeconds(5), Duration.ofMinutes(5)), clock);
    }

    static String dingTalkSign(String timestamp) throws Exception {
        return SixunPos.dingTalkSign(SECRET, timestamp);
    }

    @Test
    void cdcFedTriggersFireOncePerEpisodeRearmAfterAVisitAndSurviveARestart() throws Exception {
        camel.getRouteController().startRoute(ROUTE);
        await("the POS capture to stream", () -> engines.status(ROUTE) != null && engines.status(ROUTE).streaming());

        // V001 came every week for two months (spicy snacks at store 0001), then stopped 40 days ago;
        // a return 44 days ago is no visit. V002 comes every week and came 3 days ago.
        for (int week = 9; week >= 0; week--) {
            sell("V001", "0001", today.minusDays(40 + 7L * week), "A", "SP-01", "spicy", "35.00", "TEA-7", "tea", "12.00");
        }
        sell("V001", "0001", today.minusDays(44), "B", "TEA-7", "tea", "12.00");
        for (int week = 8; week >= 0; week--) sell("V002", "0002", today.minusDays(3 + 7L * week), "A", "RICE-5", "rice", "50.00");
        int lines = 10 * 2 + 1 + 9;
        await("every sale line in the rhythm", () -> count("SELECT COUNT(*) FROM lapse_sale_line WHERE card IS NOT NULL") == lines);
        TimeUnit.MILLISECONDS.sleep(1500); // several offset flushes: this position is saved
        List<Map<String, Object>> savedPosition = hub.queryForList("SELECT * FROM cdc_offset WHERE engine = ?", ROUTE);

        assertThat(count("SELECT visit_days FROM lapse_member WHERE card = 'V001'")).isEqualTo(10);
        assertThat(hub.queryForObject("SELECT home_store FROM lapse_member WHERE card = 'V001'", String.class)).isEqualTo("0001");
        assertThat(hub.queryForObject("SELECT SUM(amount) FROM lapse_sale_line WHERE card = 'V001'", java.math.BigDecimal.class))
                .as("the return lowers spend").isEqualByComparingTo("458.00");
        assertThat(count("SELECT COUNT(*) FROM lapse_trigger")).as("sales as of their own day fire nothing").isZero();

        assertThat(evaluate().counts()).containsEntry("fired", 1L);
        assertThat(evaluate().counts()).as("the same episode fires once").containsEntry("fired", 0L);
        Map<String, Object> fired = hub.queryForMap("SELECT * FROM lapse_trigger");
        assertThat(fired).containsEntry("card", "V001").containsEntry("store", "0001").containsEntry("days_silent", 40);
        assertThat(fired.get("episode_day").toString()).isEqualTo(today.minusDays(40).toString());
        assertThat(fired).containsEntry("reason_zh", "已40天未到店（超过21天）").containsEntry("rule_name", "test-silent-over-21-days");

        // The message is queued once the trigger committed: the event lapse-fired, routes/notify-lapse.yaml, the outbox.
        await("the message in the outbox", () -> count("SELECT COUNT(*) FROM notification_outbox") == 1);
        assertThat(newWorker().deliverDue()).isEqualTo(1);
        assertThat(ROBOT.requests()).hasSize(1);
        LoopbackHttp.Request message = ROBOT.requests().get(0);
        assertThat(message.path()).isEqualTo("/robot/send");
        assertThat(message.query()).containsEntry("access_token", "store-token");
        long sentAt = Long.parseLong(message.query().get("timestamp"));
        assertThat(Math.abs(System.currentTimeMillis() - sentAt)).isLessThan(3_600_000L);
        assertThat(message.query().get("sign")).as("Base64(HmacSHA256(secret, timestamp + \\n + secret)), URL-decoded by the server")
                .isEqualTo(dingTalkSign(message.query().get("timestamp")));
        assertThat(message.body()).contains("V001").contains("40").contains("0001").contains("spicy").contains("SP-01");

        await("the CRM task and coupon", () -> crmDb().queryForObject("SELECT COUNT(*) FROM crm_task", Long.class) == 1
                && crmDb().queryForObject("SELECT COUNT(*) FROM crm_coupon", Long.class) == 1);
        assertThat(crmDb().queryForMap("SELECT member_card, store, assignee, source_key FROM crm_task"))
                .containsEntry("member_card", "V001").containsEntry("store", "0001").containsEntry("assignee", "店长-0001")
                .containsEntry("source_key", fired.get("event_id"));

        // The capture restarted: it comes back from the older saved position and reads the later changes again
        // (none counted twice), a new delivery worker finds nothing to send, the evaluation fires nothing.
        camel.getRouteController().stopRoute(ROUTE);
        sell("V003", "0002", today.minusDays(1), "A", "RICE-5", "rice", "50.00"); // while stopped
        for (Map<String, Object> row : savedPosition) {
            hub.update("UPDATE cdc_offset SET offset_value = ? WHERE engine = ? AND offset_key = ?", row.get("offset_value"), ROUTE,
                    row.get("offset_key"));
        }
        camel.getRouteController().startRoute(ROUTE);
        await("the sale made while stopped", () -> count("SELECT COUNT(*) FROM lapse_sale_line WHERE card = 'V003'") == 1);
        assertThat(count("SELECT COUNT(*) FROM lapse_sale_line")).isEqualTo(lines + 1);
        assertThat(evaluate().counts()).containsEntry("fired", 0L);
        assertThat(newWorker().deliverDue()).isZero();
        assertThat(ROBOT.requests()).as("no second message after the restart").hasSize(1);

        // V001 comes back 25 days ago: a new episode (re-armed), silent again since, so it fires once more.
        sell("V001", "0001", today.minusDays(25), "A", "SP-01", "spicy", "35.00");
        await("the visit", () -> count("SELECT COUNT(*) FROM lapse_member WHERE card = 'V001' AND last_day = ?",
                java.sql.Date.valueOf(today.minusDays(25))) == 1);
        assertThat(evaluate().counts()).containsEntry("fired", 1L);
        assertThat(evaluate().counts()).containsEntry("fired", 0L);
        assertThat(hub.queryForList("SELECT episode_day FROM lapse_trigger WHERE card = 'V001' ORDER BY episode_day", java.sql.Date.class))
                .extracting(java.sql.Date::toLocalDate).containsExactly(today.minusDays(40), today.minusDays(25));
        await("the second message in the outbox", () -> count("SELECT COUNT(*) FROM notification_outbox") == 2);
        assertThat(newWorker().deliverDue()).isEqualTo(1);
        assertThat(ROBOT.requests()).hasSize(2);
        assertThat(count("SELECT COUNT(*) FROM lapse_trigger WHERE card <> 'V001'")).as("V002 and V003 keep coming").isZero();

        // The full rebuild from the stored lines gives the members the sales gave one by one, and fires nothing again.
        String members = "SELECT card, tier, home_store, first_day, last_day, visit_days FROM lapse_member ORDER BY card";
        List<Map<String, Object>> incremental = hub.queryForList(members);
        List<Map<String, Object>> visits = hub.queryForList("SELECT * FROM lapse_visit ORDER BY card, visit_day, store");
        assertThat(runner.run("lapse-rebuild", Trigger.MANUAL, "test", Map.of()).counts()).containsEntry("members", 3L);
        assertThat(hub.queryForList(members)).isEqualTo(incremental);
        assertThat(hub.queryForList("SELECT * FROM lapse_visit ORDER BY card, visit_day, store")).isEqualTo(visits);
        assertThat(evaluate().counts()).containsEntry("fired", 0L);
    }

    @Test
    void thePollingRouteReadsTheLinesAfterTheSavedRisingColumnOnce() {
        for (int week = 6; week >= 0; week--) sell("V010", "0003", today.minusDays(30 + 7L * week), "A", "SP-01", "spicy", "35.00");
        sell("V010", "0003", today.minusDays(31), "B", "SP-01", "spicy", "35.00");
        sell("V011", "0003", today.minusDays(2), "A", "RICE-5", "rice", "50.00", "TEA-7", "tea", "12.00");

        RunSummary first = runner.run("pos-lapse-poll", Trigger.MANUAL, "test", Map.of());
        assertThat(first.counts()).containsEntry("read", 10L).containsEntry("stored", 10L);
        assertThat(count("SELECT COUNT(*) FROM lapse_sale_line WHERE card IS NOT NULL")).as("every line with its ticket's member").isEqualTo(10);
        assertThat(count("SELECT visit_days FROM lapse_member WHERE card = 'V010'")).as("the return is no visit").isEqualTo(7);
        assertThat(hub.queryForObject("SELECT cursor_version FROM route_watermark WHERE route_id = 'pos-lapse-poll'", String.class))
                .isEqualTo(String.valueOf(pos.queryForObject("SELECT MAX(com_no) FROM t_rm_saleflow", Long.class)));

        RunSummary again = runner.run("pos-lapse-poll", Trigger.MANUAL, "test", Map.of());
        assertThat(again.counts().getOrDefault("read", 0L)).as("nothing after the watermark").isZero();
        sell("V011", "0003", today.minusDays(1), "A", "RICE-5", "rice", "50.00");
        assertThat(runner.run("pos-lapse-poll", Trigger.MANUAL, "test", Map.of()).counts()).containsEntry("read", 1L).containsEntry("stored", 1L);

        // Re-read from the start (watermark reset): every line is there already, none is counted twice.
        hub.update("DELETE FROM route_watermark WHERE route_id = 'pos-lapse-poll'");
        assertThat(runner.run("pos-lapse-poll", Trigger.MANUAL, "test", Map.of()).counts()).containsEntry("read", 11L)
                .doesNotContainKey("stored");
        assertThat(count("SELECT visit_days FROM lapse_member WHERE card = 'V011'")).isEqualTo(2);
        assertThat(evaluate().counts()).containsEntry("fired", 1L);
        assertThat(hub.queryForObject("SELECT card FROM lapse_trigger", String.class)).isEqualTo("V010");
    }
}
