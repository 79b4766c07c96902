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

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sales inserted into a Sixun-shaped POS database on the tests' MariaDB (binlog on) reach the rhythm
 * through the route pos-lapse (etlhub-cdc:pos-cdc, Debezium's MariaDB connector); the daily evaluation
 * fires once per lapse episode, a visit re-arms it, and a restart (the capture replaying from an older
 * position, a new delivery worker) sends no second message. The store's robot is an HTTP server on
 * loopback checking DingTalk's signature.
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
    LocalDate today;
    int ticket;

    @BeforeEach
    void posDatabaseAndRobot() {
        pos = new JdbcTemplate(new DriverManagerDataSource(POS_URL, DB.user(), DB.password()));
        pos.execute("DROP TABLE IF EXISTS t_rm_saleflow");
        pos.execute("DROP TABLE IF EXISTS t_rm_payflow");
        pos.execute("CREATE TABLE t_rm_saleflow (com_no BIGINT AUTO_INCREMENT PRIMARY KEY, flow_no VARCHAR(20) NOT NULL, flow_id INT NOT NULL, "
                + "branch_no VARCHAR(6) NOT NULL, item_no VARCHAR(20) NOT NULL, item_clsno VARCHAR(10), sale_price DECIMAL(12,2), "
                + "sale_qnty DECIMAL(12,3) NOT NULL, sale_money DECIMAL(12,2) NOT NULL, sell_way CHAR(1) NOT NULL, oper_date DATETIME NOT NULL)");
        pos.execute("CREATE TABLE t_rm_payflow (id BIGINT AUTO_INCREMENT PRIMARY KEY, flow_no VARCHAR(20) NOT NULL, pay_way VARCHAR(4), "
                + "pay_amount DECIMAL(12,2), vip_no VARCHAR(20), oper_date DATETIME NOT NULL)");
        ConnectorDefinition db = new ConnectorDefinition("pos-cdc", "POS", "debezium", "POS", POS_URL, DB.user(), DB.password(), null,
                Map.of("flavour", "mariadb", "server-id", "91313"), null);
        camel.getRegistry().bind("pos-cdc", ConnectorDefinition.class, db);
        camel.getRegistry().bind("store-dingtalk", ConnectorDefinition.class, new ConnectorDefinition("store-dingtalk", "store", "webhook",
                "DingTalk", ROBOT.url("/robot/send?access_token=store-token"), null, SECRET, null, Map.of("channel", "dingtalk"), null));
        ROBOT.reset();
        today = LocalDate.now(clock);
        ticket = 0;
    }

    @AfterEach
    void stopCapture() throws Exception {
        camel.getRouteController().stopRoute(ROUTE);
    }

    @AfterAll
    static void stopRobot() {
        ROBOT.close();
    }

    /** One ticket: its lines (item, category, amount) and the payment naming the member, in one POS transaction. */
    void sell(String card, String store, LocalDate day, String sellWay, String... itemCategoryAmount) {
        String flow = "F" + (++ticket);
        Timestamp at = Timestamp.valueOf(day.atTime(19, 30));
        pos.execute((org.springframework.jdbc.core.ConnectionCallback<Object>) c -> {
            c.setAutoCommit(false);
            try (var line = c.prepareStatement("INSERT INTO t_rm_saleflow (flow_no, flow_id, branch_no, item_no, item_clsno, sale_qnty, "
                    + "sale_money, sell_way, oper_date) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)");
                 var pay = c.prepareStatement("INSERT INTO t_rm_payflow (flow_no, pay_way, pay_amount, vip_no, oper_date) VALUES (?, 'RMB', 0, ?, ?)")) {
                for (int i = 0; i < itemCategoryAmount.length; i += 3) {
                    line.setString(1, flow);
                    line.setInt(2, i / 3 + 1);
                    line.setString(3, store);
                    line.setString(4, itemCategoryAmount[i]);
                    line.setString(5, itemCategoryAmount[i + 1]);
                    line.setBigDecimal(6, new java.math.BigDecimal(itemCategoryAmount[i + 2]));
                    line.setString(7, sellWay);
                    line.setTimestamp(8, at);
                    line.addBatch();
                }
                line.executeBatch();
                pay.setString(1, flow);
                pay.setString(2, card);
                pay.setTimestamp(3, at);
                pay.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
            return null;
        });
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            TimeUnit.MILLISECONDS.sleep(100);
        }
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
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal((timestamp + "\n" + SECRET).getBytes(StandardCharsets.UTF_8)));
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

        // A restart: the capture comes back from the older saved position and reads the later changes again
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
