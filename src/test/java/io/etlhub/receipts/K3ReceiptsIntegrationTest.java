package io.etlhub.receipts;

import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.K3ReceiptWriter;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static io.etlhub.receipts.ReceiptFixtures.opp;
import static io.etlhub.receipts.ReceiptFixtures.opportunity;
import static io.etlhub.receipts.ReceiptFixtures.received;
import static org.assertj.core.api.Assertions.assertThat;

/** The receipts-k3 route on real MariaDB: K3 Cloud-shaped tables, incremental on the modify date. */
class K3ReceiptsIntegrationTest extends HubIntegrationTest {
    @Autowired
    RouteRunner runner;
    @Autowired
    UnmatchedReceipts queue;

    K3ReceiptWriter erp;
    LocalDateTime clock = LocalDateTime.of(2026, 10, 1, 9, 0);

    @BeforeEach
    void seed() {
        erp = new K3ReceiptWriter(k3Db());
        erp.insertReferenceData(List.of("C00001", "C00002"));
        ReceiptFixtures.customers(crmDb(), 2);
        new CrmWriter(crmDb()).insertOpportunities(List.of(
                opp(1, "成交", "CNY", "100000.00"),
                opp(2, "成交", "USD", "20000.00")));
    }

    K3ReceiptWriter.Bill bill(int id, String date, String currency, String rate, String remark, String... entries) {
        clock = clock.plusMinutes(1);
        return new K3ReceiptWriter.Bill(id, "SKD" + id, LocalDate.parse(date), "C00001", currency, new BigDecimal(rate),
                java.util.Arrays.stream(entries).map(BigDecimal::new).toList(), remark, "C", clock);
    }

    RunSummary run() {
        return runner.run("receipts-k3", Trigger.MANUAL, "test", Map.of());
    }

    @Test
    void appliesAuditedBillsAndReReadsTheOverlapWithoutDoubleCounting() {
        erp.insert(List.of(
                bill(1, "2026-10-03", "PRE001", "1", "商机号：OPP-2026-00001", "40000.00", "10000.00"),
                // USD bill into the CNY opportunity: 2000.00 x 7.1000 = 14200.00
                bill(2, "2026-10-04", "PRE007", "7.1", "OPP-2026-00001 美元回款", "2000.00"),
                bill(3, "2026-10-05", "PRE007", "7.1", "ＯＰＰ－２０２６－００００２", "3000.00"),
                // red bill
                bill(4, "2026-10-06", "PRE001", "1", "OPP-2026-00001 冲红", "-1000.00"),
                bill(5, "2026-10-06", "PRE003", "7.8", "OPP-2026-00002", "100.00")));
        erp.insert(List.of(new K3ReceiptWriter.Bill(6, "SKD6", LocalDate.parse("2026-10-07"), "C00001", "PRE001",
                BigDecimal.ONE, List.of(new BigDecimal("5.00")), "OPP-2026-00001", "B", clock)));

        RunSummary first = run();
        assertThat(first.status()).isEqualTo("SUCCEEDED");
        assertThat(first.count("applied")).isEqualTo(4);
        assertThat(first.count("unmatched")).isEqualTo(1);
        // 40000 + 10000 + 14200 - 1000 = 63200
        assertThat(opportunity(crmDb(), 1)).containsEntry("received_amount", new BigDecimal("63200.00"))
                .containsEntry("last_receipt_date", Date.valueOf("2026-10-04"));
        assertThat(received(crmDb(), 2)).isEqualByComparingTo("3000.00");
        assertThat(queue.list(false, 10)).extracting(LedgerEntry::reason).containsExactly("CURRENCY");

        // The next run re-reads the last 10 minutes of modify dates; the ledger makes them a no-op.
        RunSummary second = run();
        assertThat(second.count("read")).isPositive();
        assertThat(second.count("applied")).isZero();
        assertThat(received(crmDb(), 1)).isEqualByComparingTo("63200.00");
    }

    @Test
    void editsUnauditsAndDeletesAfterApply() {
        erp.insert(List.of(bill(1, "2026-10-03", "PRE001", "1", "OPP-2026-00001", "40000.00"),
                bill(2, "2026-10-04", "PRE001", "1", "OPP-2026-00001", "5000.00"),
                bill(3, "2026-10-05", "PRE001", "1", "OPP-2026-00001", "700.00")));
        run();
        assertThat(received(crmDb(), 1)).isEqualByComparingTo("45700.00");

        clock = clock.plusHours(1);
        erp.edit(1, new BigDecimal("42000.00"), "OPP-2026-00001 补差", clock);
        erp.setStatus(2, "D", clock.plusMinutes(1));
        erp.delete(3);
        RunSummary summary = run();

        assertThat(summary.count("applied")).isEqualTo(1);
        assertThat(summary.count("reversed")).isEqualTo(2);
        assertThat(opportunity(crmDb(), 1)).containsEntry("received_amount", new BigDecimal("42000.00"))
                .containsEntry("last_receipt_date", Date.valueOf("2026-10-03"));
    }

    @Test
    void aCrashAfterTheCrmCommitIsFinishedByTheNextRun() {
        erp.insert(List.of(bill(1, "2026-10-03", "PRE001", "1", "OPP-2026-00001", "40000.00")));
        faults.crashOnceAt("receipts.after-crm-commit");
        assertThat(run().status()).isEqualTo("FAILED");
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM receipt_batch WHERE state = 'PENDING'", Integer.class)).isEqualTo(1);

        RunSummary rerun = run();
        assertThat(rerun.outputs()).containsEntry("resumedBatches", 1);
        assertThat(received(crmDb(), 1)).isEqualByComparingTo("40000.00");
    }
}
