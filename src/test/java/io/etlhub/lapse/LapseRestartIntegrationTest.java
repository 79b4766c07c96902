package io.etlhub.lapse;

import io.etlhub.EtlHubApplication;
import io.etlhub.connector.debezium.CdcEngines;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.LoopbackHttp;
import io.etlhub.support.TestMariaDb;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's "done when": CDC-fed triggers survive a hub restart without a second message. The hub runs as
 * a Spring application of its own (not the tests' shared context), on the tests' MariaDB: hub store, CRM and a
 * Sixun-shaped POS with the binlog on. It is stopped (the whole application context closed: Camel, the Debezium
 * engine, the delivery worker, the pools) and a new one is started on the same databases, while the store's robot,
 * an HTTP server on loopback checking DingTalk's signature, keeps counting. Every message goes the shipped way:
 * trigger and event in one hub transaction, routes/notify-lapse.yaml, the outbox, the hub's own delivery worker.
 */
class LapseRestartIntegrationTest {
    static final String SECRET = "SEC-restart-robot-secret";
    static final TestMariaDb DB = TestMariaDb.get();

    final LoopbackHttp robot = new LoopbackHttp();
    final Map<String, String> urls = Map.of("HUB", DB.freshDatabase("rs_hub"), "CRM", DB.freshDatabase("rs_crm"),
            "U8", DB.freshDatabase("rs_u8"), "K3", DB.freshDatabase("rs_k3"), "POS", DB.freshDatabase("rs_pos"));
    final SixunPos till = new SixunPos(jdbc("POS"));
    final JdbcTemplate hub = jdbc("HUB");
    ConfigurableApplicationContext running;

    JdbcTemplate jdbc(String name) {
        return new JdbcTemplate(new DriverManagerDataSource(urls.get(name), DB.user(), DB.password()));
    }

    /** A hub process's worth: a new application context on the same databases, the POS capture started. */
    ConfigurableApplicationContext startHub() throws Exception {
        List<String> properties = new ArrayList<>();
        urls.forEach((name, url) -> {
            properties.add(name + "_JDBC_URL=" + url);
            properties.add(name + "_JDBC_USER=" + DB.user());
            properties.add(name + "_JDBC_PASSWORD=" + DB.password());
        });
        properties.addAll(List.of("POS_CDC_FLAVOUR=mariadb", "STORE_DINGTALK_URL=" + robot.url("/robot/send?access_token=store-token"),
                "STORE_DINGTALK_SECRET=" + SECRET));
        running = new SpringApplicationBuilder(EtlHubApplication.class).web(WebApplicationType.NONE)
                .properties(properties.toArray(String[]::new))
                .run("--etlhub.crm.reference-schema=true", "--etlhub.scheduler.enabled=false", "--etlhub.demo.seed=false",
                        "--etlhub.demo.data-dir=" + Files.createTempDirectory("etlhub-restart"), "--etlhub.console.watch-files=false",
                        "--camel.main.name=etl-hub-restart-test", "--spring.main.banner-mode=off",
                        "--etlhub.lapse.rules-by-tier.default=fixed", "--etlhub.notify.worker.period-ms=300",
                        "--etlhub.notify.first-retry-seconds=2");
        running.getBean(CamelContext.class).getRouteController().startRoute("pos-lapse");
        CdcEngines engines = running.getBean(CdcEngines.class);
        await("the POS capture to stream", () -> engines.status("pos-lapse") != null && engines.status("pos-lapse").streaming());
        return running;
    }

    @AfterEach
    void stop() {
        if (running != null) running.close();
        robot.close();
    }

    void sell(String card, String store, LocalDate day, String item) {
        till.sell(card, store, day, "A", item, "snacks", "20.00");
    }

    long fire(LocalDate today) {
        return running.getBean(RouteRunner.class).run("lapse-evaluate", Trigger.MANUAL, "test", Map.of("date", today.toString()))
                .count("fired");
    }

    long count(String sql, Object... args) {
        return hub.queryForObject(sql, Long.class, args);
    }

    /** The messages the robot took (answered 200), by member and days silent ("V001:40"). */
    List<String> delivered(List<LoopbackHttp.Request> requests) throws Exception {
        List<String> out = new ArrayList<>();
        for (LoopbackHttp.Request r : requests) {
            assertThat(r.query().get("sign")).as("DingTalk's signature").isEqualTo(dingTalkSign(r.query().get("timestamp")));
            assertThat(r.query()).containsEntry("access_token", "store-token");
            String card = r.body().replaceAll("(?s).*?(V\\d{3}).*", "$1");
            String days = r.body().replaceAll("(?s).*?\\*\\*(\\d+)\\*\\*.*", "$1");
            out.add(card + ":" + days);
        }
        return out;
    }

    static String dingTalkSign(String timestamp) throws Exception {
        return SixunPos.dingTalkSign(SECRET, timestamp);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        SixunPos.await(what, condition);
    }

    @Test
    void cdcFedTriggersSurviveARealHubRestartWithOneSignedMessagePerEpisodeAndAVisitReArms() throws Exception {
        till.createTables();
        startHub();
        LocalDate today = LocalDate.now(running.getBean(Clock.class));

        // V001 came every week, silent for 40 days; V004 every week, silent for 30 days; V002 came 3 days ago.
        for (int week = 6; week >= 0; week--) sell("V001", "0001", today.minusDays(40 + 7L * week), "SP-01");
        for (int week = 6; week >= 0; week--) sell("V004", "0004", today.minusDays(30 + 7L * week), "TEA-7");
        for (int week = 4; week >= 0; week--) sell("V002", "0002", today.minusDays(3 + 7L * week), "RICE-5");
        await("every sale in the rhythm", () -> count("SELECT COUNT(*) FROM lapse_sale_line WHERE card IS NOT NULL") == 19);

        // V001 fires and its message is delivered before the restart.
        robot.answerNext(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        for (int i = 0; i < 10; i++) robot.answerNext(503, "busy"); // V004's message, next, finds the robot down
        // Fire V001 alone first: V004 is judged as of a day it was not yet silent long enough.
        assertThat(fire(today.minusDays(10))).as("V001 only (silent 30 days then; V004 20)").isEqualTo(1);
        await("V001's message", () -> robot.requests().size() == 1);
        assertThat(fire(today)).as("V004; V001's episode fired already").isEqualTo(1);
        await("a first, failed attempt at V004's message", () -> robot.requests().size() >= 2);
        List<LoopbackHttp.Request> beforeRestart = new ArrayList<>(robot.requests());

        // The restart: the whole hub goes down; sales go on meanwhile: V001 comes back (re-armed), V003 is new.
        running.close();
        running = null;
        List<LoopbackHttp.Request> sentWhileDown = List.copyOf(robot.requests());
        robot.reset(); // the robot is up again: every request from now on is answered 200
        sell("V001", "0001", today.minusDays(25), "SP-01");
        sell("V003", "0002", today.minusDays(1), "RICE-5");

        startHub();
        await("the sales made while the hub was down", () -> count("SELECT COUNT(*) FROM lapse_sale_line WHERE card IS NOT NULL") == 21);
        assertThat(count("SELECT COUNT(*) FROM lapse_member WHERE card = 'V001' AND last_day = ?", java.sql.Date.valueOf(today.minusDays(25))))
                .as("the visit re-arms V001").isEqualTo(1);
        assertThat(fire(today)).as("V001's new episode only").isEqualTo(1);
        assertThat(fire(today)).isZero();
        await("V004's message (queued before the restart) and V001's second", () -> robot.requests().size() >= 2);
        TimeUnit.SECONDS.sleep(3); // ten worker periods: nothing more comes

        assertThat(delivered(beforeRestart.subList(0, 1))).containsExactly("V001:30");
        assertThat(delivered(sentWhileDown.subList(1, sentWhileDown.size()))).as("failed attempts, answered 503").allMatch(m -> m.equals("V004:30"));
        assertThat(delivered(robot.requests())).as("after the restart: V004's pending message once, V001's new episode once")
                .containsExactlyInAnyOrder("V004:30", "V001:25");
        assertThat(hub.queryForList("SELECT CONCAT(card, ':', episode_day) FROM lapse_trigger ORDER BY card, episode_day", String.class))
                .containsExactly("V001:" + today.minusDays(40), "V001:" + today.minusDays(25), "V004:" + today.minusDays(30));
        assertThat(count("SELECT COUNT(*) FROM notification_outbox")).as("one outbox entry per episode").isEqualTo(3);
    }
}
