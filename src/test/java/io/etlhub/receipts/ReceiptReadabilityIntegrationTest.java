package io.etlhub.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.K3ReceiptWriter;
import io.etlhub.demo.U8ReceiptWriter;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static io.etlhub.receipts.ReceiptFixtures.opp;
import static io.etlhub.receipts.ReceiptFixtures.received;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, readable currencies and memos: ISO codes for K3's currency ids, the whole memo in the
 * ledger, and error details that name the field, the line and the document.
 */
class ReceiptReadabilityIntegrationTest extends HubIntegrationTest {
    @Autowired
    RouteRunner runner;
    @Autowired
    ReceiptLedger ledger;
    @Autowired
    TestRestTemplate rest;

    LocalDateTime modified = LocalDateTime.of(2026, 10, 1, 9, 0);

    /** The CRM of {@link #crm()} and the K3 reference data for its customer. */
    private K3ReceiptWriter crmAndK3() {
        crm();
        K3ReceiptWriter k3 = new K3ReceiptWriter(k3Db());
        k3.insertReferenceData(List.of("C00001"));
        return k3;
    }

    private void crm() {
        ReceiptFixtures.customers(crmDb(), 1);
        new CrmWriter(crmDb()).insertOpportunities(List.of(opp(1, "成交", "CNY", "100000.00"), opp(2, "成交", "USD", "20000.00")));
    }

    private K3ReceiptWriter.Bill bill(int id, String currency, String remark, String amount) {
        modified = modified.plusMinutes(1);
        return new K3ReceiptWriter.Bill(id, "SKD" + id, LocalDate.parse("2026-10-05"), "C00001", currency, new BigDecimal("7.8"),
                List.of(new BigDecimal(amount)), remark, "C", modified);
    }

    private RunSummary run(String route) {
        return runner.run(route, Trigger.MANUAL, "test", Map.of());
    }

    @Test
    void k3CurrencyIdsAreShownAsIsoCodesAndUnknownOnesAreNamed() {
        K3ReceiptWriter k3 = crmAndK3();
        k3Db().update("INSERT INTO T_BD_CURRENCY (FCURRENCYID, FCODE) VALUES (8, 'PRE008')");
        k3.insert(List.of(bill(1, "PRE001", "OPP-2026-00001", "1000.00"),
                bill(2, "PRE003", "OPP-2026-00002", "100.00"),
                bill(3, "PRE001", "OPP-2026-00001", "300.00"),
                bill(4, "PRE001", "OPP-2026-00001", "400.00")));
        k3Db().update("UPDATE T_AR_RECEIVEBILL SET FCURRENCYID = 99 WHERE FID = 3");
        k3Db().update("UPDATE T_AR_RECEIVEBILL SET FCURRENCYID = 8 WHERE FID = 4");

        run("receipts-k3");

        assertThat(received(crmDb(), 1)).isEqualByComparingTo("1000.00");
        JsonNode one = rest.withBasicAuth("finance", FINANCE_PASSWORD).getForObject("/api/receipts/K3/1", JsonNode.class);
        assertThat(one.get("receipt").get("currency").asText()).isEqualTo("CNY");
        JsonNode queue = rest.withBasicAuth("finance", FINANCE_PASSWORD).getForObject("/api/receipts/unmatched", JsonNode.class);
        Map<String, JsonNode> byNo = new java.util.HashMap<>();
        queue.forEach(r -> byNo.put(r.get("documentNo").asText(), r));
        assertThat(byNo.get("SKD2").get("currency").asText()).isEqualTo("EUR");
        assertThat(byNo.get("SKD2").get("reasonDetail").asText()).isEqualTo("receipt in EUR cannot be converted to the opportunity's USD");
        assertThat(byNo.get("SKD3").get("reason").asText()).isEqualTo("INVALID_DOCUMENT");
        assertThat(byNo.get("SKD3").get("reasonDetail").asText())
                .isEqualTo("document SKD3: currency id 99 is unknown: the ERP's currency table has no code for it");
        assertThat(byNo.get("SKD4").get("reasonDetail").asText())
                .isEqualTo("document SKD4: currency 'PRE008' has no ISO code: add it to currency-codes in mappings/k3-receipts.yml");
        assertThat(queue.toString()).doesNotContain("PRE001").doesNotContain("PRE003").doesNotContain("receipt in null");
        String console = rest.withBasicAuth("finance", FINANCE_PASSWORD).getForObject("/console/receipts", String.class);
        assertThat(console).contains("EUR").doesNotContain("PRE003");
    }

    @Test
    void anEntryWrittenBeforeTheLedgerKeptIsoCodesIsShownWithItsIsoCode() {
        K3ReceiptWriter k3 = crmAndK3();
        k3.insert(List.of(bill(1, "PRE003", "货款", "100.00")));
        run("receipts-k3");
        // As an older hub wrote it: the ERP's currency number.
        hub.update("UPDATE receipt_ledger SET currency = 'PRE003' WHERE document_id = '1'");

        JsonNode queue = rest.withBasicAuth("finance", FINANCE_PASSWORD).getForObject("/api/receipts/unmatched", JsonNode.class);
        assertThat(queue.get(0).get("currency").asText()).isEqualTo("EUR");
        JsonNode one = rest.withBasicAuth("finance", FINANCE_PASSWORD).getForObject("/api/receipts/K3/1", JsonNode.class);
        assertThat(one.get("receipt").get("currency").asText()).isEqualTo("EUR");
        String console = rest.withBasicAuth("finance", FINANCE_PASSWORD).getForObject("/console/receipts", String.class);
        assertThat(console).contains("EUR").doesNotContain("PRE003");
    }

    @Test
    void theWholeMemoIsKeptAndStillMatchesWhenTheOpportunityArrivesLater() {
        K3ReceiptWriter k3 = crmAndK3();
        String longMemo = "客户付款说明：" + "分批付款，详见合同附件。".repeat(50) + " 商机号：OPP-2026-00007";
        assertThat(longMemo.length()).isGreaterThan(600);
        k3.insert(List.of(bill(1, "PRE001", longMemo, "2000.00")));

        run("receipts-k3");
        LedgerEntry waiting = ledger.get("K3", "1");
        assertThat(waiting.reason()).isEqualTo("UNKNOWN_OPPORTUNITY");
        assertThat(waiting.memo()).isEqualTo(longMemo);

        // The opportunity is created in the CRM; the next run matches it from the memo the ledger kept.
        new CrmWriter(crmDb()).insertOpportunities(List.of(opp(7, "成交", "CNY", "2000.00")));
        run("receipts-k3");

        assertThat(ledger.get("K3", "1").state()).isEqualTo(LedgerEntry.State.APPLIED);
        assertThat(received(crmDb(), 7)).isEqualByComparingTo("2000.00");
        JsonNode view = rest.withBasicAuth("finance", FINANCE_PASSWORD).getForObject("/api/receipts/K3/1", JsonNode.class);
        assertThat(view.get("receipt").get("memo").asText()).isEqualTo(longMemo).endsWith("OPP-2026-00007");
    }

    @Test
    void anEmptyLineAmountIsNamedByLineAndDocument() {
        crm();
        new U8ReceiptWriter(u8Db()).insert(List.of(
                ReceiptFixtures.receipt(21, "48", "2026-10-05", "人民币", 1.0, "OPP-2026-00001", "1000.00", "2000.00", "3000.00"),
                ReceiptFixtures.receipt(22, "48", "2026-10-05", "人民币", 1.0, "OPP-2026-00001", "500.00"),
                ReceiptFixtures.receipt(23, "48", "2026-10-05", "人民币", 1.0, "OPP-2026-00001", "700.00"),
                ReceiptFixtures.receipt(24, "48", "2026-10-05", "人民币", 1.0, "OPP-2026-00001", "800.00")));
        // Line ids are document id x 10 + n: the second line of 21 and the only line of 22 lose their amount;
        // 23 loses its lines; 24 stays whole.
        u8Db().update("UPDATE Ap_CloseBills SET iAmt_f = NULL WHERE ID IN (212, 221)");
        u8Db().update("DELETE FROM Ap_CloseBills WHERE iID = 23");

        RunSummary run = run("receipts-u8");

        assertThat(run.count("applied")).isEqualTo(1);
        assertThat(run.count("unmatched")).isEqualTo(3);
        // Nothing of 21 is applied: 1000 + 3000 would have been summed past the empty line.
        assertThat(received(crmDb(), 1)).isEqualByComparingTo("800.00");
        assertThat(ledger.get("U8", "21").reasonDetail()).isEqualTo("line 2 of document SK000021: amount is empty");
        assertThat(ledger.get("U8", "22").reasonDetail()).isEqualTo("line 1 of document SK000022: amount is empty");
        assertThat(ledger.get("U8", "23").reasonDetail()).isEqualTo("document SK000023: the document has no lines");
        assertThat(ledger.get("U8", "21").reason()).isEqualTo("INVALID_DOCUMENT");
    }
}
