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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finance's pages: reconcile run now with a period (and a refused period as a 400 in the reader's language, without a
 * run or a dead letter), the drill-down pages with routine differences hidden and every difference naming its
 * documents, an opportunity's receipts and history with the other customer's receipt marked, and the unmatched queue
 * with names, suggestions and open opportunities to pick.
 */
class FinancePagesIntegrationTest extends HubIntegrationTest {
    @Autowired
    TestRestTemplate rest;
    @Autowired
    RouteRunner runner;
    @LocalServerPort
    int port;

    @BeforeEach
    void receipts() {
        new CrmWriter(crmDb()).insertCustomers(List.of(new CrmWriter.Customer(1, "C00001", "苏州精密机械有限公司", "张伟"),
                new CrmWriter.Customer(2, "C00002", "宁波电子科技有限公司", "李娜")));
        new CrmWriter(crmDb()).insertOpportunities(List.of(
                new CrmWriter.Opp(1, "OPP-2026-00001", 1, "成交", "张伟", "CNY", new BigDecimal("10000.00"), LocalDate.of(2026, 10, 2), null),
                new CrmWriter.Opp(2, "OPP-2026-00002", 2, "成交", "李娜", "CNY", new BigDecimal("800.00"), LocalDate.of(2026, 10, 2), null)));
        new U8ReceiptWriter(u8Db()).insert(List.of(
                new U8ReceiptWriter.Receipt(1, "48", "SK1", LocalDate.of(2026, 10, 5), "C00001", "人民币", 1.0,
                        List.of(new BigDecimal("4000.00")), "OPP-2026-00001", "王会计"),
                new U8ReceiptWriter.Receipt(2, "48", "SK2", LocalDate.of(2026, 10, 6), "C00002", "人民币", 1.0,
                        List.of(new BigDecimal("800.00")), "货款", "王会计"),
                new U8ReceiptWriter.Receipt(3, "48", "SK3", LocalDate.of(2026, 10, 7), "C00002", "人民币", 1.0,
                        List.of(new BigDecimal("300.00")), "OPP-2026-00001", "王会计")));
        runner.run("receipts-u8", Trigger.MANUAL, "test", Map.of());
    }

    @Test
    void reconcileRunsNowWithAPeriodAndABadPeriodIsA400WithAMessageNotAFailedRun() {
        ResponseEntity<Map> ok = rest.withBasicAuth("admin", ADMIN_PASSWORD)
                .postForEntity("/api/routes/reconcile/runs", Map.of("period", "2026-10"), Map.class);
        assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ok.getBody().get("status")).isEqualTo("SUCCEEDED");
        long runs = runs();
        long deadLetters = hub.queryForObject("SELECT COUNT(*) FROM dead_letter", Long.class);

        ResponseEntity<Map> zh = rest.withBasicAuth("admin", ADMIN_PASSWORD)
                .postForEntity("/api/routes/reconcile/runs", Map.of("period", "2026-13"), Map.class);
        assertThat(zh.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) zh.getBody().get("error")).isEqualTo("对账期间“2026-13”不是有效的月份，应为 2026-10 这样的格式。");

        ResponseEntity<Map> en = rest.withBasicAuth("admin", ADMIN_PASSWORD)
                .postForEntity("/api/routes/reconcile/runs?lang=en", Map.of(), Map.class);
        assertThat(en.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) en.getBody().get("error")).startsWith("Give the period").doesNotContain("--");

        assertThat(runs()).as("no run for a refused parameter").isEqualTo(runs);
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM dead_letter", Long.class)).isEqualTo(deadLetters);
    }

    @Test
    void theRunNowFormAsksForEachRoutesParametersAndRunsReconcileWithThePeriod() {
        ConsoleHttp http = new ConsoleHttp(port);
        http.formLogin("admin", ADMIN_PASSWORD);
        String routes = http.page("/console/routes").body();
        assertThat(routes).contains("id=\"reconcile-period\"", "type=\"month\"", "id=\"health-report-month\"", "期间（月）");
        String token = ConsoleHttp.csrfToken(routes);

        var run = http.withSession("POST", "/console/routes/reconcile/run?period=2026-10&from=&to=", token);
        assertThat(run.statusCode()).isEqualTo(302);
        assertThat(run.headers().firstValue("Location").orElse("")).contains("/console/runs/");
        assertThat(hub.queryForObject("SELECT status FROM route_run WHERE route_id = 'reconcile' ORDER BY id DESC LIMIT 1",
                String.class)).isEqualTo("SUCCEEDED");

        var refused = http.withSession("POST", "/console/routes/reconcile/run?period=2026-13", token);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("对账期间“2026-13”不是有效的月份").doesNotContain("--period");
    }

    @Test
    void theDrillDownHidesRoutineDifferencesAndEveryDifferenceNamesItsDocuments() {
        String summary = finance("/console/reconciliation?period=2026-10");
        assertThat(summary).contains("控制总数平衡", "C00001 苏州精密机械有限公司", "/console/reconciliation/customer?period=2026-10&amp;customer=C00001");

        String differences = finance("/console/reconciliation/differences?period=2026-10");
        assertThat(differences).contains("收款未匹配到任何商机", "U8 SK2").doesNotContain("data-reason=\"PARTIAL_PAYMENT\"")
                .contains("已隐藏 1 项常规差异");
        String all = finance("/console/reconciliation/differences?period=2026-10&all=true");
        // the partial payment names the receipt applied to the opportunity, not "null"
        assertThat(all).contains("data-reason=\"PARTIAL_PAYMENT\"", "U8 SK1").doesNotContain(">null<", "null U8", "U8 null");

        String customer = finance("/console/reconciliation/customer?period=2026-10&customer=C00002&reason=UNMATCHED");
        assertThat(customer).contains("客户 C00002 宁波电子科技有限公司", "U8 SK2").doesNotContain("U8 SK1");

        assertThat(rest.withBasicAuth("finance", FINANCE_PASSWORD)
                .getForEntity("/console/reconciliation?period=2026-13", String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void theOpportunityPageListsItsReceiptsWithHistoryAndMarksAnotherCustomersReceipt() {
        Map<?, ?> assigned = rest.withBasicAuth("finance", FINANCE_PASSWORD).postForObject(
                "/api/receipts/unmatched/U8/3/assign", Map.of("opportunityNo", "OPP-2026-00001", "confirmCustomerMismatch", true), Map.class);
        assertThat(assigned.get("state")).isEqualTo("APPLIED");

        String page = finance("/console/opportunities/OPP-2026-00001?period=2026-10");
        assertThat(page).contains("商机 OPP-2026-00001", "C00001 苏州精密机械有限公司", "U8 SK1", "2026-10-05", "CNY 4,000.00",
                "U8 SK3", "C00002 宁波电子科技有限公司", "来自其他客户", "核销", "人工指定");
        assertThat(page.split("other-customer", -1)).as("only SK3 is marked").hasSize(2);
        assertThat(page).contains("部分回款");

        assertThat(rest.withBasicAuth("finance", FINANCE_PASSWORD)
                .getForEntity("/console/opportunities/OPP-1999-99999", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theUnmatchedPageShowsTheCustomersNameSuggestionsAndOpenOpportunitiesToPick() {
        String page = finance("/console/receipts");
        assertThat(page).contains("SK2", "宁波电子科技有限公司", "<option value=\"OPP-2026-00002\"", "★ OPP-2026-00002");

        ConsoleHttp http = new ConsoleHttp(port);
        http.formLogin("finance", FINANCE_PASSWORD);
        String token = ConsoleHttp.csrfToken(http.page("/console/receipts").body());
        assertThat(http.withSession("POST", "/console/receipts/assign?system=U8&documentId=2&opportunityNo=OPP-2026-00002", token)
                .statusCode()).isEqualTo(302);
        assertThat(crmDb().queryForObject("SELECT received_amount FROM crm_opportunity WHERE id = 2", BigDecimal.class))
                .isEqualByComparingTo("800.00");
        assertThat(http.page("/console/receipts").body()).doesNotContain("data-document=\"SK2\"");
    }

    private String finance(String path) {
        ResponseEntity<String> page = rest.withBasicAuth("finance", FINANCE_PASSWORD).getForEntity(path, String.class);
        assertThat(page.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return page.getBody();
    }

    private long runs() {
        return hub.queryForObject("SELECT COUNT(*) FROM route_run", Long.class);
    }
}
