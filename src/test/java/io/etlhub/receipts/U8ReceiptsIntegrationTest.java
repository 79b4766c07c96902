package io.etlhub.receipts;

import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.U8ReceiptWriter;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.etlhub.receipts.ReceiptFixtures.number;
import static io.etlhub.receipts.ReceiptFixtures.opp;
import static io.etlhub.receipts.ReceiptFixtures.opportunity;
import static io.etlhub.receipts.ReceiptFixtures.received;
import static io.etlhub.receipts.ReceiptFixtures.receipt;
import static org.assertj.core.api.Assertions.assertThat;

/** The receipts-u8 route on real MariaDB: U8-shaped tables in, reference CRM out. */
class U8ReceiptsIntegrationTest extends HubIntegrationTest {
    @Autowired
    RouteRunner runner;
    @Autowired
    UnmatchedReceipts queue;
    @Autowired
    ReceiptLedger ledger;

    U8ReceiptWriter erp;

    @BeforeEach
    void seedCrm() {
        erp = new U8ReceiptWriter(u8Db());
        ReceiptFixtures.customers(crmDb(), 1);
        new CrmWriter(crmDb()).insertOpportunities(List.of(
                opp(1, "成交", "CNY", "100000.00"),
                opp(2, "成交", "USD", "20000.00"),
                opp(3, "输单", "CNY", "50000.00"),
                opp(4, "成交", "CNY", "8000.00"),
                opp(5, "成交", "CNY", "1000.00")));
    }

    RunSummary run() {
        return runner.run("receipts-u8", Trigger.MANUAL, "test", Map.of());
    }

    @Test
    void firstRunAppliesEachKindOfReceipt() {
        erp.insert(List.of(
                // Two lines, CNY into a CNY opportunity: 30000 + 20000.50
                receipt(1, "48", "2026-10-05", "人民币", 1.0, "商机号：OPP-2026-00001 首付款", "30000.00", "20000.50"),
                // USD into a USD opportunity: the original amount
                receipt(2, "48", "2026-10-06", "美元", 7.1, "ＯＰＰ－２０２６－０００２２".replace("２２", "０２"), "5000.00"),
                // USD into a CNY opportunity: 1000.00 x 7.1234 = 7123.40 local
                receipt(3, "48", "2026-10-07", "美元", 7.1234, "opp-2026-00001 货款", "1000.00"),
                // Customer refund (cVouchType 49) reduces what was received
                receipt(4, "49", "2026-10-20", "人民币", 1.0, "OPP-2026-00001 退款", "500.00"),
                // Red receipt: negative amount
                receipt(5, "48", "2026-10-21", "人民币", 1.0, "OPP-2026-00004 红字冲销", "-300.00"),
                receipt(6, "48", "2026-10-01", "人民币", 1.0, "OPP-2026-00004", "8300.00"),
                // Over-paid
                receipt(7, "48", "2026-10-02", "人民币", 1.0, "OPP-2026-00005", "1200.00"),
                // Unmatched, each for its own reason
                receipt(11, "48", "2026-10-09", "人民币", 1.0, "货款", "100.00"),
                receipt(12, "48", "2026-10-09", "人民币", 1.0, "OPP-2025-99999", "100.00"),
                receipt(13, "48", "2026-10-09", "人民币", 1.0, "OPP-2026-00001 OPP-2026-00004", "100.00"),
                receipt(14, "48", "2026-10-09", "人民币", 1.0, "OPP-2026-00003", "100.00"),
                receipt(15, "48", "2026-10-09", "欧元", 7.8, "OPP-2026-00002", "100.00")));
        // Not audited: not applied, not queued
        erp.insert(List.of(new U8ReceiptWriter.Receipt(16, "48", "SK000016", LocalDate.parse("2026-10-09"), "C00001", "人民币", 1.0,
                List.of(new BigDecimal("999.00")), "OPP-2026-00001", null)));

        RunSummary summary = run();

        assertThat(summary.status()).isEqualTo("SUCCEEDED");
        assertThat(summary.count("read")).isEqualTo(13);
        assertThat(summary.count("applied")).isEqualTo(7);
        assertThat(summary.count("unmatched")).isEqualTo(5);
        assertThat(summary.count("unchanged")).isEqualTo(1);
        // 30000 + 20000.50 + 7123.40 - 500 = 56623.90
        assertThat(opportunity(crmDb(), 1)).containsEntry("received_amount", new BigDecimal("56623.90"))
                .containsEntry("outstanding_amount", new BigDecimal("43376.10"))
                .containsEntry("receipt_status", "部分回款")
                // the refund on 10-20 is not a receipt date; the latest positive receipt is 10-07
                .containsEntry("last_receipt_date", Date.valueOf("2026-10-07"));
        assertThat(opportunity(crmDb(), 2)).containsEntry("received_amount", new BigDecimal("5000.00"))
                .containsEntry("receipt_status", "部分回款");
        // 8300 - 300 = 8000 = signed
        assertThat(opportunity(crmDb(), 4)).containsEntry("received_amount", new BigDecimal("8000.00"))
                .containsEntry("outstanding_amount", new BigDecimal("0.00"))
                .containsEntry("receipt_status", "已回款")
                .containsEntry("last_receipt_date", Date.valueOf("2026-10-01"));
        assertThat(opportunity(crmDb(), 5)).containsEntry("receipt_status", "超额回款")
                .containsEntry("outstanding_amount", new BigDecimal("-200.00"));
        assertThat(opportunity(crmDb(), 3)).containsEntry("received_amount", new BigDecimal("0.00"))
                .containsEntry("receipt_status", "未回款");

        Map<String, String> reasons = new HashMap<>();
        queue.list(false, 100).forEach(e -> reasons.put(e.documentId(), e.reason()));
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
                "11", "NO_NUMBER", "12", "UNKNOWN_OPPORTUNITY", "13", "MULTIPLE_NUMBERS",
                "14", "OPPORTUNITY_CLOSED", "15", "CURRENCY"));
    }

    /**
     * Issue 15: a first load (no U8 document in the ledger) looks no ledger entries up. Should another route of the same
     * system record one of its documents meanwhile, the ledger's key refuses that batch whole: nothing of it reaches the
     * ledger or the CRM, and the next run, which looks up again, applies every document once.
     */
    @Test
    void aFirstLoadMeetingADocumentRecordedMeanwhileIsRefusedWholeAndTheRerunAppliesEachOnce() {
        erp.insert(List.of(receipt(1, "48", "2026-10-05", "人民币", 1.0, "OPP-2026-00001", "100.00"),
                receipt(2, "48", "2026-10-06", "人民币", 1.0, "OPP-2026-00004", "200.00")));
        faults.doOnceAt("receipts.after-read", () -> hub.update("INSERT INTO receipt_ledger (source_system, document_id, route_id, "
                + "content_hash, state, reason, first_seen_at, updated_at) VALUES ('U8', '2', 'receipts-u8-other', 'other', 'UNMATCHED', "
                + "'NO_NUMBER', NOW(3), NOW(3))"));

        RunSummary first = run();

        assertThat(first.status()).isEqualTo("FAILED");
        assertThat(first.error()).contains("Duplicate entry");
        assertThat(hub.queryForList("SELECT document_id, route_id FROM receipt_ledger"))
                .containsExactly(Map.of("document_id", "2", "route_id", "receipts-u8-other"));
        assertThat(opportunity(crmDb(), 1)).containsEntry("received_amount", new BigDecimal("0.00"));

        RunSummary second = run();

        assertThat(second.status()).as(second.error()).isEqualTo("SUCCEEDED");
        assertThat(second.count("applied")).isEqualTo(2);
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM receipt_ledger WHERE state = 'APPLIED'", Integer.class)).isEqualTo(2);
        assertThat(opportunity(crmDb(), 1)).containsEntry("received_amount", new BigDecimal("100.00"));
        assertThat(opportunity(crmDb(), 4)).containsEntry("received_amount", new BigDecimal("200.00"));
    }

    @Test
    void rerunChangesNothingEvenFromAResetWatermark() {
        erp.insert(List.of(receipt(1, "48", "2026-10-05", "人民币", 1.0, "OPP-2026-00001", "30000.00"),
                receipt(2, "48", "2026-10-05", "人民币", 1.0, "货款", "10.00")));
        run();
        Map<String, Object> before = opportunity(crmDb(), 1);

        RunSummary second = run();
        assertThat(second.count("read")).isZero();

        hub.update("DELETE FROM route_watermark");
        RunSummary fromScratch = run();
        assertThat(fromScratch.count("read")).isEqualTo(2);
        assertThat(fromScratch.count("unchanged")).isEqualTo(2);
        assertThat(fromScratch.count("applied")).isZero();
        assertThat(opportunity(crmDb(), 1)).isEqualTo(before);
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM receipt_ledger", Integer.class)).isEqualTo(2);
    }

    @Test
    void anEditAfterApplyAppliesOnlyTheDifference() {
        erp.insert(List.of(receipt(1, "48", "2026-10-05", "人民币", 1.0, "OPP-2026-00001", "30000.00"),
                receipt(2, "48", "2026-10-06", "人民币", 1.0, "OPP-2026-00001", "10000.00")));
        run();
        erp.edit(1, new BigDecimal("25000.00"), "OPP-2026-00001 改");
        RunSummary summary = run();

        assertThat(summary.count("read")).isEqualTo(1);
        assertThat(summary.count("applied")).isEqualTo(1);
        assertThat(received(crmDb(), 1)).isEqualByComparingTo("35000.00");
        assertThat(hub.queryForList("SELECT action FROM receipt_event WHERE document_id = '1' ORDER BY id", String.class))
                .containsExactly("APPLY", "DELTA");
    }

    @Test
    void aPlainFirstApplyIsInTheHistoryFromTheLedgerUntilTheDocumentChanges() {
        erp.insert(List.of(receipt(1, "48", "2026-10-05", "人民币", 1.0, "OPP-2026-00001", "30000.00")));
        run();
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM receipt_event WHERE document_id = '1'", Integer.class)).isZero();
        java.sql.Timestamp firstSeen = hub.queryForObject("SELECT first_seen_at FROM receipt_ledger WHERE document_id = '1'",
                java.sql.Timestamp.class);
        assertThat(ledger.events("U8", "1")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("action", "APPLY").containsEntry("opportunity_id", 1L).containsEntry("actor", "route:receipts-u8")
                .containsEntry("created_at", firstSeen)
                .hasEntrySatisfying("amount_delta", a -> assertThat((BigDecimal) a).isEqualByComparingTo("30000.00")));

        erp.edit(1, new BigDecimal("25000.00"), "OPP-2026-00001 改");
        run();
        assertThat(hub.queryForList("SELECT CONCAT(action, ' ', amount_delta, ' ', actor) FROM receipt_event "
                + "WHERE document_id = '1' ORDER BY id", String.class))
                .containsExactly("APPLY 30000.00 route:receipts-u8", "DELTA -5000.00 route:receipts-u8");
        assertThat(hub.queryForObject("SELECT created_at FROM receipt_event WHERE document_id = '1' AND action = 'APPLY'",
                java.sql.Timestamp.class)).isEqualTo(firstSeen);
        assertThat(ledger.events("U8", "1")).extracting(e -> e.get("action")).containsExactly("APPLY", "DELTA");
    }

    @Test
    void anEditThatChangesTheOpportunityMovesTheMoney() {
        erp.insert(List.of(receipt(1, "48", "2026-10-05", "人民币", 1.0, "OPP-2026-00001", "3000.00")));
        run();
        erp.edit(1, new BigDecimal("3000.00"), "OPP-2026-00004");
        run();
        assertThat(received(crmDb(), 1)).isEqualByComparingTo("0");
        assertThat(received(crmDb(), 4)).isEqualByComparingTo("3000.00");
        assertThat(opportunity(crmDb(), 1)).containsEntry("last_receipt_date", null).containsEntry("receipt_status", "未回款");
    }

    @Test
    void aDeletedDocumentIsReversed() {
        erp.insert(List.of(receipt(1, "48", "2026-10-05", "人民币", 1.0, "OPP-2026-00001", "30000.00"),
                receipt(2, "48", "2026-10-08", "人民币", 1.0, "OPP-2026-00001", "1000.00")));
        run();
        erp.delete(2);
        RunSummary summary = run();

        assertThat(summary.count("reversed")).isEqualTo(1);
        assertThat(opportunity(crmDb(), 1)).containsEntry("received_amount", new BigDecimal("30000.00"))
                .containsEntry("last_receipt_date", Date.valueOf("2026-10-05"));
        assertThat(hub.queryForObject("SELECT state FROM receipt_ledger WHERE document_id = '2'", String.class)).isEqualTo("REVERSED");
    }

    @Test
    void anUnauditedDocumentIsReversedAndReappliedWhenAuditedAgain() {
        erp.insert(List.of(receipt(1, "48", "2026-10-05", "人民币", 1.0, "OPP-2026-00001", "30000.00")));
        run();
        erp.setAuditor(1, "");
        assertThat(run().count("reversed")).isEqualTo(1);
        assertThat(received(crmDb(), 1)).isEqualByComparingTo("0");
        erp.setAuditor(1, "李会计");
        assertThat(run().count("applied")).isEqualTo(1);
        assertThat(received(crmDb(), 1)).isEqualByComparingTo("30000.00");
    }

    @Test
    void anUnmatchedReceiptIsAssignedByFinanceThroughTheSameMechanism() {
        erp.insert(List.of(receipt(1, "48", "2026-10-05", "人民币", 1.0, "货款 张三转账", "2500.00"),
                receipt(2, "48", "2026-10-05", "人民币", 1.0, "退回多收款", "50.00")));
        run();

        LedgerEntry assigned = queue.assign("U8", "1", "opp-2026-00004", "finance", "客户来电确认");
        queue.dismiss("U8", "2", "finance", "银行手续费，不属于任何商机");

        assertThat(assigned.state()).isEqualTo(LedgerEntry.State.APPLIED);
        assertThat(received(crmDb(), 4)).isEqualByComparingTo("2500.00");
        assertThat(queue.list(false, 10)).isEmpty();
        assertThat(hub.queryForList("SELECT CONCAT(action, ':', actor) FROM receipt_event WHERE document_id IN ('1', '2') "
                + "AND actor = 'finance' ORDER BY id", String.class)).containsExactly("ASSIGN:finance", "DISMISS:finance");

        // The assignment holds when the ERP document is edited later
        erp.edit(1, new BigDecimal("2600.00"), "货款 张三转账");
        run();
        assertThat(received(crmDb(), 4)).isEqualByComparingTo("2600.00");
    }

    @Test
    void aRestoredErpDatabaseWhoseRowVersionsWentBackIsRescanned() {
        erp.insert(List.of(receipt(1, "48", "2026-10-05", "人民币", 1.0, "OPP-2026-00001", "30000.00")));
        run();
        // A restore from backup: the row version counter is lower than what the hub has read.
        u8Db().execute("ALTER SEQUENCE rv_seq RESTART WITH 5");
        u8Db().update("UPDATE Ap_CloseBill SET cCode = 'restored' WHERE iID = 1");
        erp.insert(List.of(receipt(2, "48", "2026-10-06", "人民币", 1.0, "OPP-2026-00001", "1000.00")));

        RunSummary summary = run();

        assertThat(summary.outputs()).containsEntry("rescanAfterRestore", true);
        assertThat(summary.count("applied")).isEqualTo(1);
        assertThat(summary.count("unchanged")).isEqualTo(1);
        assertThat(received(crmDb(), 1)).isEqualByComparingTo("31000.00");
    }

    @Test
    void aReceiptWaitingForAnUnknownOpportunityIsAppliedOnceTheCrmHasIt() {
        erp.insert(List.of(receipt(1, "48", "2026-10-05", "人民币", 1.0, "商机号：OPP-2026-00077", "777.00")));
        assertThat(run().count("unmatched")).isEqualTo(1);

        new CrmWriter(crmDb()).insertOpportunities(List.of(opp(77, "成交", "CNY", "777.00")));
        RunSummary later = run();

        assertThat(later.outputs()).containsEntry("rematched", 1);
        assertThat(opportunity(crmDb(), 77)).containsEntry("received_amount", new BigDecimal("777.00"))
                .containsEntry("receipt_status", "已回款");
        assertThat(queue.list(false, 10)).isEmpty();
        assertThat(run().count("applied")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"receipts.after-read", "receipts.after-hub-commit", "receipts.after-crm-commit"})
    void aCrashBetweenReadingAndCommittingLeavesExactTotalsAfterTheRerun(String point) {
        Map<Long, BigDecimal> expected = insertManyReceipts(2_345);
        faults.crashOnceAt(point);

        RunSummary crashed = run();
        assertThat(crashed.status()).isEqualTo("FAILED");
        assertThat(crashed.error()).contains("injected crash at " + point);

        RunSummary rerun = run();
        assertThat(rerun.status()).isEqualTo("SUCCEEDED");
        assertTotals(expected);
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM receipt_batch WHERE state <> 'DONE'", Integer.class)).isZero();
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM receipt_ledger WHERE state = 'APPLIED'", Integer.class)).isEqualTo(2_345);
    }

    @Test
    void manyReceiptsOverSeveralBatchesSumToTheCentPerOpportunity() {
        Map<Long, BigDecimal> expected = insertManyReceipts(3_210);
        RunSummary summary = run();
        assertThat(summary.count("read")).isEqualTo(3_210);
        assertThat(summary.count("applied")).isEqualTo(3_210);
        assertTotals(expected);
    }

    /** Receipts spread over 40 CNY opportunities, with random cents and some red ones; returns the sum per opportunity. */
    private Map<Long, BigDecimal> insertManyReceipts(int count) {
        List<CrmWriter.Opp> opps = new ArrayList<>();
        for (long id = 101; id <= 140; id++) opps.add(opp(id, "成交", "CNY", "1000000.00"));
        new CrmWriter(crmDb()).insertOpportunities(opps);
        Random random = new Random(7);
        Map<Long, BigDecimal> expected = new HashMap<>();
        List<U8ReceiptWriter.Receipt> receipts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long opp = 101 + random.nextInt(40);
            BigDecimal amount = BigDecimal.valueOf(random.nextInt(1_000_000) - 50_000, 2);
            expected.merge(opp, amount, BigDecimal::add);
            receipts.add(receipt(10_000 + i, "48", "2026-10-01", "人民币", 1.0, "商机号 " + number(opp), amount.toPlainString()));
        }
        erp.insert(receipts);
        return expected;
    }

    private void assertTotals(Map<Long, BigDecimal> expected) {
        expected.forEach((opp, sum) -> assertThat(received(crmDb(), opp)).as("opportunity %d", opp).isEqualByComparingTo(sum));
    }
}
