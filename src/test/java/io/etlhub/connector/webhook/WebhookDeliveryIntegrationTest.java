package io.etlhub.connector.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlhub.connector.ConnectorDefinition;
import io.etlhub.support.HubIntegrationTest;
import io.etlhub.support.LoopbackHttp;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook kind against an HTTP server on loopback: DingTalk's signature, WeCom's payload, a 500
 * retried after the back-off, the robots' 20-a-minute limit, one delivery per event and endpoint
 * across a restart, the etlhub-notify Camel step, and failures listed by GET /api/notifications.
 */
class WebhookDeliveryIntegrationTest extends HubIntegrationTest {
    static final LoopbackHttp SERVER = new LoopbackHttp();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration FIRST_RETRY = Duration.ofMillis(800);

    @Autowired
    CamelContext camel;
    @Autowired
    Outbox outbox;
    @Autowired
    WebhookEndpoints endpoints;
    @Autowired
    Clock clock;
    @LocalServerPort
    int port;

    WebhookDelivery worker;

    @BeforeEach
    void robotsOnLoopback() throws Exception {
        // The application's own worker (a timer route) is off in the tests (HubIntegrationTest): the test drives delivery.
        SERVER.reset();
        bind("wecom-test", "wecom", SERVER.url("/cgi-bin/webhook/send?key=wecom-key-1"), null);
        bind("dingtalk-test", "dingtalk", SERVER.url("/robot/send?access_token=ding-token-1"), "SECdingtalk-secret");
        bind("json-test", "json", SERVER.url("/hook"), null);
        worker = newWorker();
    }

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    WebhookDelivery newWorker() {
        return new WebhookDelivery(outbox, endpoints, new DeliverySettings(FIRST_RETRY, Duration.ofSeconds(10), 4, 20,
                Duration.ofSeconds(5), Duration.ofMinutes(5)), clock);
    }

    void bind(String id, String channel, String url, String secret) {
        camel.getRegistry().bind(id, ConnectorDefinition.class, new ConnectorDefinition(id, id, "webhook", channel, url, null, secret,
                null, Map.of("channel", channel), null));
    }

    Outbox.Entry only(String endpoint) {
        List<Outbox.Entry> entries = outbox.list(null, endpoint, 10);
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    @Test
    void dingTalkRequestsAreSignedWithTimestampAndSecret() throws Exception {
        outbox.enqueue("e-ding-1", "dingtalk-test", new WebhookMessage("运行失败：receipts-u8", "第 7 次运行失败"));
        assertThat(worker.deliverDue()).isEqualTo(1);

        LoopbackHttp.Request request = SERVER.requests().get(0);
        assertThat(request.path()).isEqualTo("/robot/send");
        assertThat(request.query()).containsEntry("access_token", "ding-token-1");
        long timestamp = Long.parseLong(request.query().get("timestamp"));
        assertThat(Math.abs(timestamp - Instant.now().toEpochMilli())).isLessThan(60_000);
        // Computed here from DingTalk's documented recipe: Base64(HmacSHA256(secret, timestamp + "\n" + secret)).
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("SECdingtalk-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal((timestamp + "\nSECdingtalk-secret").getBytes(StandardCharsets.UTF_8)));
        assertThat(request.query().get("sign")).isEqualTo(expected);
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
        assertThat(body.at("/markdown/title").asText()).isEqualTo("运行失败：receipts-u8");
        assertThat(body.at("/markdown/text").asText()).contains("第 7 次运行失败");
        assertThat(only("dingtalk-test").state()).isEqualTo(Outbox.State.DELIVERED);
    }

    @Test
    void weComGetsAMarkdownMessageWithTheKeyInTheUrl() throws Exception {
        outbox.enqueue("e-wecom-1", "wecom-test", new WebhookMessage("回款未匹配：receipts-u8", "有 **3** 张收款单未匹配"));
        worker.deliverDue();

        LoopbackHttp.Request request = SERVER.requests().get(0);
        assertThat(request.path()).isEqualTo("/cgi-bin/webhook/send");
        assertThat(request.query()).containsEntry("key", "wecom-key-1");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
        assertThat(body.at("/markdown/content").asText()).isEqualTo("**回款未匹配：receipts-u8**\n有 **3** 张收款单未匹配");
    }

    @Test
    void aServerErrorIsRetriedAfterTheBackoff() throws Exception {
        SERVER.answerNext(500, "internal error");
        outbox.enqueue("e-retry-1", "json-test", new WebhookMessage("t", "x"));
        assertThat(worker.deliverDue()).isZero();
        Outbox.Entry failed = only("json-test");
        assertThat(failed.state()).isEqualTo(Outbox.State.PENDING);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("HTTP 500");
        assertThat(failed.nextAttemptAt()).isAfterOrEqualTo(failed.lastAttemptAt().plus(FIRST_RETRY).minusNanos(1_000_000));

        // Not due yet: nothing is sent
        assertThat(worker.deliverDue()).isZero();
        assertThat(SERVER.requests()).hasSize(1);
        while (LocalDateTime.now(clock).isBefore(failed.nextAttemptAt().plusNanos(50_000_000))) Thread.sleep(50);
        assertThat(worker.deliverDue()).isEqualTo(1);

        assertThat(SERVER.requests()).hasSize(2);
        Duration gap = Duration.between(SERVER.requests().get(0).at(), SERVER.requests().get(1).at());
        assertThat(gap).isGreaterThanOrEqualTo(FIRST_RETRY);
        Outbox.Entry delivered = only("json-test");
        assertThat(delivered.state()).isEqualTo(Outbox.State.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(2);
        assertThat(JSON.readTree(SERVER.requests().get(1).body()).get("eventId").asText()).isEqualTo("e-retry-1");
    }

    @Test
    void aRobotErrorCodeIsAFailureAndTheLastAttemptMarksItFailed() {
        for (int i = 0; i < 4; i++) SERVER.answerNext(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
        outbox.enqueue("e-sign-1", "dingtalk-test", new WebhookMessage("t", "x"));
        for (int i = 0; i < 4; i++) {
            worker.deliverDue();
            outbox.list(null, "dingtalk-test", 1).forEach(e -> hub.update("UPDATE notification_outbox SET next_attempt_at = ? WHERE id = ?",
                    java.sql.Timestamp.valueOf(LocalDateTime.now(clock).minusSeconds(1)), e.id()));
        }
        Outbox.Entry gaveUp = only("dingtalk-test");
        assertThat(gaveUp.state()).isEqualTo(Outbox.State.FAILED);
        assertThat(gaveUp.attempts()).isEqualTo(4);
        assertThat(gaveUp.lastError()).contains("310000");
        assertThat(SERVER.requests()).hasSize(4);
        // ... and an admin sees it
        HttpResponse<String> listed = get("/api/notifications?state=FAILED", "admin", ADMIN_PASSWORD);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("e-sign-1").contains("310000").contains("\"state\":\"FAILED\"");
        assertThat(get("/api/notifications", "finance", FINANCE_PASSWORD).statusCode()).isEqualTo(403);
    }

    @Test
    void aRobotGetsAtMostTwentyMessagesAMinute() {
        for (int i = 1; i <= 25; i++) outbox.enqueue("e-burst-" + i, "wecom-test", new WebhookMessage("t", "message " + i));
        assertThat(worker.deliverDue()).isEqualTo(20);
        assertThat(worker.deliverDue()).isZero();
        assertThat(SERVER.requests()).hasSize(20);
        List<Outbox.Entry> waiting = outbox.list("PENDING", "wecom-test", 100);
        assertThat(waiting).hasSize(5);
        LocalDateTime firstAttempt = outbox.list("DELIVERED", "wecom-test", 100).stream().map(Outbox.Entry::lastAttemptAt)
                .min(LocalDateTime::compareTo).orElseThrow();
        assertThat(waiting).allSatisfy(e -> assertThat(e.nextAttemptAt()).isAfterOrEqualTo(firstAttempt.plusMinutes(1)));
        // Another endpoint has its own minute
        outbox.enqueue("e-burst-other", "json-test", new WebhookMessage("t", "x"));
        assertThat(worker.deliverDue()).isEqualTo(1);
    }

    @Test
    void anEventIsDeliveredOncePerEndpointEvenAfterARestart() {
        assertThat(outbox.enqueue("e-once-1", "wecom-test", new WebhookMessage("t", "x"))).isTrue();
        assertThat(outbox.enqueue("e-once-1", "json-test", new WebhookMessage("t", "x"))).isTrue();
        assertThat(worker.deliverDue()).isEqualTo(2);

        // A restart: a new worker, and the same event queued again (a replayed run, a republished event)
        WebhookDelivery afterRestart = newWorker();
        assertThat(outbox.enqueue("e-once-1", "wecom-test", new WebhookMessage("t", "x"))).isFalse();
        assertThat(afterRestart.deliverDue()).isZero();
        assertThat(SERVER.requests()).hasSize(2);

        // A crash while sending leaves SENDING; after the stuck time it is sent (once more) rather than lost
        outbox.enqueue("e-once-2", "wecom-test", new WebhookMessage("t", "y"));
        long id = outbox.list("PENDING", "wecom-test", 1).get(0).id();
        hub.update("UPDATE notification_outbox SET state = 'SENDING', attempts = 1, last_attempt_at = ? WHERE id = ?",
                java.sql.Timestamp.valueOf(LocalDateTime.now(clock).minusMinutes(10)), id);
        assertThat(afterRestart.deliverDue()).isEqualTo(1);
        assertThat(SERVER.requests()).hasSize(3);
    }

    @Test
    void aCamelRouteStepQueuesAMessageFromATemplate() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:notify-test").routeId("notify-test").to("log:notify-test").to("etlhub-notify:wecom-test?template=receipts-unmatched");
            }
        });
        // Under the supervising route controller a route added to a running context is started explicitly.
        camel.getRouteController().startRoute("notify-test");
        try {
            ProducerTemplate producer = camel.createProducerTemplate();
            Map<String, Object> headers = Map.of("route", "receipts-u8", "runId", 42, "count", 3, "EtlhubEventId", "unmatched-42");
            producer.sendBodyAndHeaders("direct:notify-test", null, headers);
            producer.sendBodyAndHeaders("direct:notify-test", null, headers);
            Outbox.Entry queued = only("wecom-test");
            assertThat(queued.eventId()).isEqualTo("unmatched-42");
            assertThat(queued.title()).isEqualTo("回款未匹配：receipts-u8");
            assertThat(queued.text()).contains("第 42 次运行").contains("**3** 张收款单");
            worker.deliverDue();
            assertThat(JSON.readTree(SERVER.requests().get(0).body()).at("/markdown/content").asText()).contains("**3** 张收款单");
        } finally {
            camel.getRouteController().stopRoute("notify-test");
            camel.removeRoute("notify-test");
        }
    }

    HttpResponse<String> get(String path, String user, String password) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
