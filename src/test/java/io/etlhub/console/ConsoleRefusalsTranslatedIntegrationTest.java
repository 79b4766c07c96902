package io.etlhub.console;

import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.U8ReceiptWriter;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refused action (io.etlhub.pipeline.Refusal) reads in the reader's language on the console, with its document,
 * opportunity and route: assign to an unknown opportunity, assign or dismiss an applied receipt, start an unknown route,
 * a bad cron. The API's reasonDetailText follows Accept-Language (zh-CN without one); reasonDetail stays as stored.
 */
class ConsoleRefusalsTranslatedIntegrationTest extends HubIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    RouteRunner runner;
    @Autowired
    TestRestTemplate rest;

    @BeforeEach
    void receipts() {
        ReceiptScenario.customerWithOpportunity(new CrmWriter(crmDb()));
        new U8ReceiptWriter(u8Db()).insert(List.of(ReceiptScenario.receipt(1, 5, "4000.00", "货款")));
        runner.run("receipts-u8", Trigger.MANUAL, "test", Map.of());
    }

    @Test
    void financeRefusalsNameTheDocumentAndOpportunityInChineseAndEnglish() {
        ConsoleHttp http = new ConsoleHttp(port);
        http.formLogin("finance", FINANCE_PASSWORD);
        String token = ConsoleHttp.csrfToken(http.withSession("GET", "/console/receipts", null).body());
        String unknown = "/console/receipts/assign?system=U8&documentId=1&opportunityNo=OPP-2026-09999";

        assertThat(flash(http, unknown, token)).contains("收款单 SK1 不能分配给商机 OPP-2026-09999：CRM 中没有商机 OPP-2026-09999")
                .doesNotContain("cannot assign");
        assertThat(flash(http, unknown + "&lang=en", token))
                .contains("Receipt SK1 cannot be assigned to opportunity OPP-2026-09999: no opportunity OPP-2026-09999 in the CRM");

        String assign = "/console/receipts/assign?system=U8&documentId=1&opportunityNo=OPP-2026-00001";
        flash(http, assign, token);
        assertThat(received()).isEqualByComparingTo("4000.00");
        assertThat(flash(http, assign, token)).contains("收款单 SK1 已核销到商机 OPP-2026-00001，不能再分配。");
        assertThat(flash(http, assign + "&lang=en", token))
                .contains("Receipt SK1 is already applied to opportunity OPP-2026-00001; it cannot be assigned again.");
        String dismiss = "/console/receipts/dismiss?system=U8&documentId=1&note=x";
        assertThat(flash(http, dismiss, token)).contains("收款单 SK1 已核销到商机 OPP-2026-00001，不能忽略。");
        assertThat(flash(http, dismiss + "&lang=en", token))
                .contains("Receipt SK1 is applied to opportunity OPP-2026-00001; it cannot be dismissed.");
        assertThat(received()).isEqualByComparingTo("4000.00");
    }

    @Test
    void adminRefusalsNameTheRouteInChineseAndEnglish() {
        ConsoleHttp http = new ConsoleHttp(port);
        http.formLogin("admin", ADMIN_PASSWORD);
        String token = ConsoleHttp.csrfToken(http.withSession("GET", "/console/routes", null).body());

        assertThat(flash(http, "/console/routes/no-such-route/start", token)).contains("routes/ 中没有路由“no-such-route”。");
        assertThat(flash(http, "/console/routes/no-such-route/stop?lang=en", token)).contains("There is no route &quot;no-such-route&quot; in routes/.");
        assertThat(flash(http, "/console/routes/health-report/schedule?schedule=every+day", token))
                .contains("“every day”不是有效的 Quartz cron 表达式").doesNotContain("is not a valid");
        assertThat(flash(http, "/console/routes/health-report/schedule?schedule=every+day&lang=en", token))
                .contains("&quot;every day&quot; is not a valid Quartz cron expression");
    }

    @Test
    void theApiGivesTheReasonDetailInTheReadersLanguageAndKeepsTheStoredText() {
        Map<String, Object> zh = unmatched(null);
        assertThat(zh.get("reasonDetail")).isEqualTo("memo has no opportunity number: 货款");
        assertThat(zh.get("reasonDetailText")).isEqualTo("摘要中没有商机号：货款");
        Map<String, Object> en = unmatched("en-US,en;q=0.9");
        assertThat(en.get("reasonDetail")).isEqualTo("memo has no opportunity number: 货款");
        assertThat(en.get("reasonDetailText")).isEqualTo("memo has no opportunity number: 货款");
        assertThat(en.get("reasonText")).isEqualTo("No opportunity number in the memo");
        assertThat(unmatched("zh-CN").get("reasonDetailText")).isEqualTo("摘要中没有商机号：货款");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> unmatched(String acceptLanguage) {
        HttpHeaders headers = new HttpHeaders();
        if (acceptLanguage != null) headers.set(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
        List<Map<String, Object>> queue = rest.withBasicAuth("finance", FINANCE_PASSWORD)
                .exchange("/api/receipts/unmatched", HttpMethod.GET, new HttpEntity<>(headers), List.class).getBody();
        return queue.stream().filter(r -> "SK1".equals(r.get("documentNo"))).findFirst().orElseThrow();
    }

    /** Posts the action and reads the page it redirects to, where the notice is. */
    private static String flash(ConsoleHttp http, String action, String token) {
        var posted = http.withSession("POST", action, token);
        assertThat(posted.statusCode()).as(action).isEqualTo(302);
        String location = posted.headers().firstValue("Location").orElseThrow();
        return http.withSession("GET", location.replaceFirst("^https?://[^/]+", ""), null).body();
    }

    private BigDecimal received() {
        return crmDb().queryForObject("SELECT received_amount FROM crm_opportunity WHERE id = 1", BigDecimal.class);
    }
}
