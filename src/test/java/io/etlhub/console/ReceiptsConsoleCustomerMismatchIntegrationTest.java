package io.etlhub.console;

import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.U8ReceiptWriter;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Finance's receipts page: assigning to another customer's opportunity needs the confirmation box. */
class ReceiptsConsoleCustomerMismatchIntegrationTest extends HubIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    RouteRunner runner;

    @Test
    void theAssignmentIsRefusedWithBothCustomersUntilConfirmed() {
        new CrmWriter(crmDb()).insertCustomers(List.of(new CrmWriter.Customer(1, "C00001", "苏州精密机械有限公司", "张伟"),
                new CrmWriter.Customer(2, "C00002", "宁波电子科技有限公司", "李娜")));
        new CrmWriter(crmDb()).insertOpportunities(List.of(new CrmWriter.Opp(1, "OPP-2026-00001", 1, "成交", "张伟", "CNY",
                new BigDecimal("10000.00"), LocalDate.of(2026, 10, 2), null)));
        new U8ReceiptWriter(u8Db()).insert(List.of(new U8ReceiptWriter.Receipt(1, "48", "SK1", LocalDate.of(2026, 10, 5), "C00002",
                "人民币", 1.0, List.of(new BigDecimal("4000.00")), "货款", "王会计")));
        runner.run("receipts-u8", Trigger.MANUAL, "test", Map.of());
        ConsoleHttp http = new ConsoleHttp(port);
        http.formLogin("finance", FINANCE_PASSWORD);
        String token = ConsoleHttp.csrfToken(http.withSession("GET", "/console/receipts", null).body());
        String assign = "/console/receipts/assign?system=U8&documentId=1&opportunityNo=OPP-2026-00001&note=%E4%BB%A3%E4%BB%98";

        assertThat(http.withSession("POST", assign, token).statusCode()).isEqualTo(302);
        String refused = http.withSession("GET", "/console/receipts", null).body();

        assertThat(refused).contains("收款单 SK1 的付款客户 C00002 与商机 OPP-2026-00001 的客户 C00001 不一致", "确认跨客户分配");
        assertThat(received()).isEqualByComparingTo("0.00");

        assertThat(http.withSession("POST", assign + "&confirmCustomerMismatch=true", token).statusCode()).isEqualTo(302);
        HttpResponse<String> confirmed = http.withSession("GET", "/console/receipts", null);

        assertThat(confirmed.body()).doesNotContain("不一致。");
        assertThat(received()).isEqualByComparingTo("4000.00");
        assertThat(hub.queryForList("SELECT action FROM audit_log WHERE actor = 'finance' ORDER BY id", String.class))
                .containsExactly("LOGIN", "RECEIPT_ASSIGN_OTHER_CUSTOMER", "RECEIPT_ASSIGN");
    }

    private BigDecimal received() {
        return crmDb().queryForObject("SELECT received_amount FROM crm_opportunity WHERE id = 1", BigDecimal.class);
    }
}
