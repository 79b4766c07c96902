package io.etlhub.console;

import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.U8ReceiptWriter;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.HubIntegrationTest;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Finance's reconciliation page with its drill-down and workbook, ops' data-health and archive pages, each for its role. */
class FinanceOpsPagesIntegrationTest extends HubIntegrationTest {
    @Autowired
    TestRestTemplate rest;
    @Autowired
    RouteRunner runner;

    @BeforeEach
    void receipts() {
        ReceiptScenario.customerWithOpportunity(new CrmWriter(crmDb()));
        new U8ReceiptWriter(u8Db()).insert(List.of(ReceiptScenario.receipt(1, 5, "4000.00", "OPP-2026-00001"),
                ReceiptScenario.receipt(2, 6, "500.00", "货款"),
                new U8ReceiptWriter.Receipt(3, "48", "SK3", LocalDate.of(2026, 10, 7), "C00001", "美元", 0.0,
                        List.of(new BigDecimal("100.00")), "货款", "王会计")));
        runner.run("receipts-u8", Trigger.MANUAL, "test", Map.of());
    }

    @Test
    void financeSeesTheReconciliationDrilledDownToTheCustomerAndDownloadsTheWorkbook() throws Exception {
        String summary = rest.withBasicAuth("finance", FINANCE_PASSWORD)
                .getForObject("/console/reconciliation?period=2026-10", String.class);
        assertThat(summary).contains("控制总数平衡", "C00001", "4,500.00");
        // exchange rate 0: no CNY amount, listed apart in its own currency
        assertThat(summary).contains("无效单据（1张，原币，不计入本位币合计）: USD 100.00");
        String page = rest.withBasicAuth("finance", FINANCE_PASSWORD)
                .getForObject("/console/reconciliation/customer?period=2026-10&customer=C00001", String.class);
        assertThat(page).contains("C00001", "OPP-2026-00001");
        // the unmatched 500.00 with its reason and detail in Chinese, not the ledger's code
        assertThat(page).contains("收款未匹配到任何商机", "摘要中没有商机号").doesNotContain("NO_NUMBER");
        assertThat(page).contains("汇率为空或不为正数：0");

        ResponseEntity<byte[]> xlsx = rest.withBasicAuth("finance", FINANCE_PASSWORD)
                .getForEntity("/api/reconciliation/xlsx?period=2026-10", byte[].class);
        assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
            assertThat(workbook.getNumberOfSheets()).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void opsBuildsAndSeesAHealthReportAndTheArchivePage() {
        ResponseEntity<String> run = rest.withBasicAuth("ops", OPS_PASSWORD)
                .postForEntity("/api/quality/reports?month=2026-10", null, String.class);
        assertThat(run.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String page = rest.withBasicAuth("ops", OPS_PASSWORD).getForObject("/console/quality", String.class);
        assertThat(page).contains("2026-10 数据健康报告", "商机阶段跳变率");
        ResponseEntity<String> none = rest.withBasicAuth("ops", OPS_PASSWORD).getForEntity("/console/quality?report=999999", String.class);
        assertThat(none.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(none.getBody()).contains("没有编号为 999999 的数据健康报告。");
        assertThat(rest.withBasicAuth("ops", OPS_PASSWORD).getForObject("/console/archive", String.class))
                .contains("历史客户档案导入", "archive-upload");
    }

    @Test
    void eachRoleIsRefusedTheOthersPages() {
        assertThat(rest.withBasicAuth("ops", OPS_PASSWORD).getForEntity("/console/reconciliation", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("finance", FINANCE_PASSWORD).getForEntity("/console/quality", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("finance", FINANCE_PASSWORD).getForEntity("/console/archive", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
