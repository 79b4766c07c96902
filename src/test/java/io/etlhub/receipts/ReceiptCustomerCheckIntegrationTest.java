package io.etlhub.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.DemoData;
import io.etlhub.demo.K3ReceiptWriter;
import io.etlhub.demo.U8ReceiptWriter;
import io.etlhub.pipeline.AuditLog;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.etlhub.receipts.ReceiptFixtures.opp;
import static io.etlhub.receipts.ReceiptFixtures.received;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, receipts checked against the customer: the ERP customer of a receipt (U8 cDwCode, K3
 * FCONTACTUNIT) against the ERP code of the opportunity's CRM customer, on the tests' MariaDB.
 */
class ReceiptCustomerCheckIntegrationTest extends HubIntegrationTest {
    @Autowired
    RouteRunner runner;
    @Autowired
    UnmatchedReceipts queue;
    @Autowired
    ReceiptLedger ledger;
    @Autowired
    AuditLog audit;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    ReceiptSync sync;
    @Autowired
    ReceiptBatches batches;

    /** Customers C00001 and C00002; opportunity 1 and 3 of the first, 2 of the second. */
    private void twoCustomers() {
        ReceiptFixtures.customers(crmDb(), 2);
        CrmWriter.Opp second = opp(2, "成交", "CNY", "50000.00");
        new CrmWriter(crmDb()).insertOpportunities(List.of(opp(1, "成交", "CNY", "100000.00"),
                new CrmWriter.Opp(2, second.number(), 2, second.stage(), second.owner(), second.currency(), second.signed(),
                        second.wonDate(), second.plannedReceiptDate()),
                opp(3, "成交", "CNY", "30000.00")));
    }

    private static U8ReceiptWriter.Receipt u8(int id, String customer, String memo, String amount) {
        return new U8ReceiptWriter.Receipt(id, "48", String.format("SK%06d", id), LocalDate.parse("2026-10-05"), customer, "人民币",
                1.0, List.of(new BigDecimal(amount)), memo, "王会计");
    }

    private RunSummary runU8() {
        return runner.run("receipts-u8", Trigger.MANUAL, "test", Map.of());
    }

    @Test
    void aReceiptOfAnotherCustomerIsQueuedNotApplied() {
        twoCustomers();
        new U8ReceiptWriter(u8Db()).insert(List.of(
                u8(1, "C00002", "商机号：OPP-2026-00001 货款", "20000.00"),
                u8(2, "C00001", "商机号：OPP-2026-00001 货款", "10000.00")));

        RunSummary run = runU8();

        assertThat(run.count("applied")).isEqualTo(1);
        assertThat(run.count("unmatched")).isEqualTo(1);
        assertThat(received(crmDb(), 1)).isEqualByComparingTo("10000.00");
        LedgerEntry queued = ledger.get("U8", "1");
        assertThat(queued.state()).isEqualTo(LedgerEntry.State.UNMATCHED);
        assertThat(queued.reason()).isEqualTo("CUSTOMER_MISMATCH");
        assertThat(queued.reasonDetail())
                .isEqualTo("paid by ERP customer C00002, but opportunity OPP-2026-00001 belongs to the CRM customer with ERP code C00001");
        assertThat(queue.list(false, 10)).extracting(LedgerEntry::documentNo).containsExactly("SK000001");
    }

    @Test
    void financeMustConfirmAnAssignmentAcrossCustomersAndItIsAudited() {
        twoCustomers();
        new U8ReceiptWriter(u8Db()).insert(List.of(u8(1, "C00002", "货款", "20000.00")));
        runU8();
        HttpHeaders zh = new HttpHeaders();
        zh.set(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN");

        ResponseEntity<JsonNode> refused = rest.withBasicAuth("finance", FINANCE_PASSWORD).exchange("/api/receipts/unmatched/U8/1/assign",
                HttpMethod.POST, new HttpEntity<>(Map.of("opportunityNo", "OPP-2026-00001", "note", "客户说是代付"), zh), JsonNode.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody().get("reason").asText()).isEqualTo("CUSTOMER_MISMATCH");
        assertThat(refused.getBody().get("message").asText()).isEqualTo("收款单 SK000001 的付款客户 C00002 与商机 OPP-2026-00001 的客户 C00001 "
                + "不一致。确认要分配给该商机，请勾选“确认跨客户分配”（接口传 confirmCustomerMismatch: true）。");
        // error is the same sentence (the reader's language), code its bundle key for scripts
        assertThat(refused.getBody().get("error").asText()).isEqualTo(refused.getBody().get("message").asText());
        assertThat(refused.getBody().get("code").asText()).isEqualTo("receipts.assign.customer-mismatch");
        assertThat(received(crmDb(), 1)).isEqualByComparingTo("0.00");
        assertThat(ledger.get("U8", "1").state()).isEqualTo(LedgerEntry.State.UNMATCHED);
        assertThat(audit.recent(10)).noneMatch(e -> e.action().equals("RECEIPT_ASSIGN_OTHER_CUSTOMER"));

        ResponseEntity<JsonNode> confirmed = rest.withBasicAuth("finance", FINANCE_PASSWORD).postForEntity(
                "/api/receipts/unmatched/U8/1/assign",
                Map.of("opportunityNo", "OPP-2026-00001", "note", "客户说是代付", "confirmCustomerMismatch", true), JsonNode.class);

        assertThat(confirmed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(confirmed.getBody().get("state").asText()).isEqualTo("APPLIED");
        assertThat(received(crmDb(), 1)).isEqualByComparingTo("20000.00");
        // The applied entry keeps the mismatch; the ASSIGN event says who confirmed it.
        LedgerEntry applied = ledger.get("U8", "1");
        assertThat(applied.reason()).isEqualTo("CUSTOMER_MISMATCH");
        Map<String, Object> assign = ledger.events("U8", "1").stream().filter(e -> "ASSIGN".equals(e.get("action"))).findFirst().orElseThrow();
        assertThat(assign).containsEntry("reason", "CUSTOMER_MISMATCH").containsEntry("actor", "finance");
        assertThat((String) assign.get("note")).startsWith("客户说是代付; assigned across customers, confirmed by finance");
        AuditLog.Entry entry = audit.recent(10).stream().filter(e -> e.action().equals("RECEIPT_ASSIGN_OTHER_CUSTOMER")).findFirst().orElseThrow();
        assertThat(entry.actor()).isEqualTo("finance");
        assertThat(entry.target()).isEqualTo("U8 SK000001 (id 1)");
        assertThat(entry.before()).isEqualTo("UNMATCHED NO_NUMBER; ERP customer C00002");
        assertThat(entry.after()).isEqualTo("APPLIED to OPP-2026-00001 of ERP customer C00001; 客户说是代付");
    }

    @Test
    void aQueuedReceiptIsAppliedOnceTheCrmPutsTheOpportunityUnderItsCustomer() {
        twoCustomers();
        new U8ReceiptWriter(u8Db()).insert(List.of(u8(1, "C00002", "OPP-2026-00003", "30000.00")));
        runU8();
        assertThat(ledger.get("U8", "1").reason()).isEqualTo("CUSTOMER_MISMATCH");

        // Sales corrects the CRM: opportunity 3 belongs to the second customer.
        crmDb().update("UPDATE crm_opportunity SET customer_id = 2 WHERE id = 3");
        RunSummary next = runU8();

        assertThat(next.outputs()).containsEntry("rematched", 1);
        assertThat(ledger.get("U8", "1").state()).isEqualTo(LedgerEntry.State.APPLIED);
        assertThat(received(crmDb(), 3)).isEqualByComparingTo("30000.00");
    }

    @Test
    void inWarnModeTheReceiptIsAppliedAndTheMismatchStaysOnTheLedger() {
        twoCustomers();
        // What a run with customer-mismatch: warn in mappings/u8-receipts.yml decides and writes.
        ReceiptDocument doc = new ReceiptDocument("U8", "31", "SK000031", LocalDate.parse("2026-10-05"), "C00002", "人民币", "CNY",
                BigDecimal.ONE, new BigDecimal("5000.00"), new BigDecimal("5000.00"), "OPP-2026-00001", "9001", true, null);
        List<ReceiptDecision> decisions = sync.decide(List.of(doc), "receipts-u8", CustomerCheck.WARN);
        batches.process("receipts-u8", null, decisions, "route:receipts-u8", null);

        assertThat(received(crmDb(), 1)).isEqualByComparingTo("5000.00");
        LedgerEntry entry = ledger.get("U8", "31");
        assertThat(entry.state()).isEqualTo(LedgerEntry.State.APPLIED);
        assertThat(entry.reason()).isEqualTo("CUSTOMER_MISMATCH");
        assertThat(entry.reasonDetail()).contains("C00002").contains("C00001");
        assertThat(ledger.events("U8", "31")).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("action", "APPLY").containsEntry("reason", "CUSTOMER_MISMATCH");
            assertThat((String) e.get("note")).startsWith("paid by ERP customer C00002");
        });
    }

    @Test
    void theDemoAppliesNoReceiptToAnotherCustomersOpportunity() {
        DemoData demo = new DemoData(20261123, 300);
        demo.writeTo(new CrmWriter(crmDb()), new U8ReceiptWriter(u8Db()), new K3ReceiptWriter(k3Db()));

        assertThat(runU8().status()).isEqualTo("SUCCEEDED");
        assertThat(runner.run("receipts-k3", Trigger.MANUAL, "test", Map.of()).status()).isEqualTo("SUCCEEDED");

        Map<Long, String> customerOf = new HashMap<>();
        crmDb().query("SELECT o.id, c.erp_customer_code FROM crm_opportunity o JOIN crm_customer c ON c.id = o.customer_id",
                rs -> { customerOf.put(rs.getLong(1), rs.getString(2)); });
        List<Map<String, Object>> applied = hub.queryForList("SELECT source_system, document_no, customer_code, opportunity_id, "
                + "opportunity_no FROM receipt_ledger WHERE state = 'APPLIED'");
        assertThat(applied).hasSizeGreaterThan(300);
        assertThat(applied).allSatisfy(r -> assertThat(r.get("customer_code")).as("%s %s on %s", r.get("source_system"),
                r.get("document_no"), r.get("opportunity_no")).isEqualTo(customerOf.get(((Number) r.get("opportunity_id")).longValue())));
        // The K3 bills naming OPP-2026-00003 from other customers wait for finance instead of showing 超额回款.
        String third = customerOf.get(3L);
        long others = demo.k3Bills().stream().filter(b -> b.remark().contains("OPP-2026-00003") && !b.customerNumber().equals(third)).count();
        assertThat(others).isPositive();
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM receipt_ledger WHERE source_system = 'K3' AND reason = 'CUSTOMER_MISMATCH' "
                + "AND state = 'UNMATCHED' AND memo LIKE '%OPP-2026-00003%'", Long.class)).isEqualTo(others);
    }
}
