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
 * a bad cron. The API's reasonDetailText follows Accept-Language (zh-CN without one); reasonDetail stays as stored; the API's
 * refusals answer {"status", "code", "error"} with the error in Accept-Language's language and the code the same in all.
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

    /**
     * The API's refusals: {"status", "code", "error"}, the code the sentence's bundle key whatever the language, the
     * error in Accept-Language's (zh-CN without one): the services' refusals, the controllers' own and ErrorAnswers'.
     */
    @Test
    void theApisRefusalsFollowAcceptLanguageAndKeepTheirCode() {
        String assign = "/api/receipts/unmatched/U8/1/assign";
        Map<String, Object> unknownOpportunity = Map.of("opportunityNo", "OPP-2026-09999");
        assertRefused("finance", HttpMethod.POST, assign, unknownOpportunity, 422, "receipts.refused.unmatched",
                "收款单 SK1 不能分配给商机 OPP-2026-09999：CRM 中没有商机 OPP-2026-09999",
                "Receipt SK1 cannot be assigned to opportunity OPP-2026-09999: no opportunity OPP-2026-09999 in the CRM");
        assertRefused("finance", HttpMethod.GET, "/api/receipts/opportunities/OPP-2026-09999", null, 404, "receipts.refused.noOpportunity",
                "CRM 中没有商机 OPP-2026-09999。", "There is no opportunity OPP-2026-09999 in the CRM.");
        assertRefused("finance", HttpMethod.GET, "/api/reconciliation?period=2026-13", null, 422, "reconciliation.param.badPeriod",
                "对账期间“2026-13”不是有效的月份", "The period “2026-13” is not a month");
        assertRefused("finance", HttpMethod.GET, "/api/customers/NO-SUCH/view", null, 404, "cv.unknown",
                "NO-SUCH", "The CRM has no customer with ERP code NO-SUCH");
        assertRefused("finance", HttpMethod.GET, "/api/customers/C00001/quote-check?item=X&qty=many", null, 400, "cv.refused.badQty",
                "数量必须是正数，收到的是“many”", "The quantity must be a positive number, found “many”");
        assertRefused("ops", HttpMethod.GET, "/api/quality/reports/999999", null, 404, "quality.refused.noReport",
                "没有编号为 999999 的数据健康报告。", "There is no data-health report 999999.");
        assertRefused("ops", HttpMethod.POST, "/api/quality/reports?month=2026-13", null, 400, "quality.param.badMonth",
                "月份“2026-13”无效", "The month “2026-13” is not a month");
        assertRefused("admin", HttpMethod.POST, "/api/routes/no-such-route/start", null, 404, "pipeline.refused.unknownRoute",
                "routes/ 中没有路由“no-such-route”。", "There is no route \"no-such-route\" in routes/.");
        assertRefused("admin", HttpMethod.POST, "/api/routes/health-report/schedule", Map.of("schedule", "every day"), 400,
                "pipeline.refused.badCron", "“every day”不是有效的 Quartz cron 表达式", "\"every day\" is not a valid Quartz cron expression");
        // ErrorAnswers (no controller's own handler): a parameter of the wrong type
        assertRefused("admin", HttpMethod.GET, "/api/runs/abc/dead-letters", null, 400, "console.error.badParameter",
                "参数 runId 的值“abc”无效", "The value 'abc' of parameter runId is not valid.");
    }

    private void assertRefused(String user, HttpMethod method, String path, Map<String, Object> body, int status, String code,
                               String chinese, String english) {
        String password = switch (user) {
            case "admin" -> ADMIN_PASSWORD;
            case "ops" -> OPS_PASSWORD;
            default -> FINANCE_PASSWORD;
        };
        Map<String, String> languages = new java.util.LinkedHashMap<>();
        languages.put("", chinese);
        languages.put("zh-CN,zh;q=0.9", chinese);
        languages.put("en-US,en;q=0.9", english);
        languages.forEach((language, expected) -> {
            HttpHeaders headers = new HttpHeaders();
            if (!language.isEmpty()) headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
            var answer = rest.withBasicAuth(user, password).exchange(path, method, new HttpEntity<>(body, headers), Map.class);
            assertThat(answer.getStatusCode().value()).as(path + " " + language).isEqualTo(status);
            assertThat(answer.getBody()).as(path + " " + language).containsEntry("code", code).containsEntry("status", status);
            assertThat((String) answer.getBody().get("error")).as(path + " " + language).contains(expected);
        });
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
