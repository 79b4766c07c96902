package io.etlhub.reconciliation;

import io.etlhub.reconciliation.ReconciliationReport.Difference;
import io.etlhub.reconciliation.SourceData.LedgerRow;
import io.etlhub.reconciliation.SourceData.LedgerSums;
import io.etlhub.reconciliation.SourceData.Opp;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReasonRulesTest {
    static final Period OCT = Period.of("2026-10", null, null);

    static LedgerRow row(String id, String customer, String state, String reason, Long opp, String amount, String rate,
                         String local) {
        return new LedgerRow("U8", id, "receipts-u8", "SK" + id, LocalDate.parse("2026-10-10"), customer, "人民币", "CNY",
                new BigDecimal(rate), new BigDecimal(amount), new BigDecimal(local), "", state, reason, opp,
                opp == null ? null : "OPP-" + opp, "APPLIED".equals(state) ? new BigDecimal(amount) : BigDecimal.ZERO,
                opp == null ? null : "OPP-" + opp);
    }

    static Opp opp(long id, String won, String signed, String received, String status) {
        BigDecimal s = new BigDecimal(signed), r = new BigDecimal(received);
        return new Opp(id, "OPP-" + id, 1L, won == null ? "谈判" : "成交", "CNY", s, r, s.subtract(r), status, null,
                won == null ? null : LocalDate.parse(won));
    }

    static List<Difference> find(List<LedgerRow> ledger, Map<Long, LedgerSums> sums, Map<Long, Opp> opps) {
        SourceData data = new SourceData(OCT, ledger, sums, List.of(), opps, Map.of(1L, new SourceData.Customer(1, "C1", "客户1")),
                new SourceData.ControlFigures(0, BigDecimal.ZERO), "已回款", List.of("输单"));
        return ReasonRules.find(data, "CNY");
    }

    @Test
    void unmatchedReceiptsGetTheirReasonAndUnknownCustomersComeFirst() {
        List<Difference> d = find(List.of(
                row("1", "C1", "UNMATCHED", "NO_NUMBER", null, "100.00", "1", "100.00"),
                row("2", "C1", "UNMATCHED", "OPPORTUNITY_CLOSED", null, "200.00", "1", "200.00"),
                row("3", "X9", "UNMATCHED", "NO_NUMBER", null, "300.00", "1", "300.00"),
                row("4", "C1", "DISMISSED", "DISMISSED", null, "400.00", "1", "400.00"),
                row("5", "C1", "REVERSED", "DELETED", null, "500.00", "1", "500.00")), Map.of(), Map.of());
        assertThat(d).extracting(Difference::documentId, Difference::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1", Reason.UNMATCHED),
                org.assertj.core.groups.Tuple.tuple("2", Reason.NOT_WON),
                org.assertj.core.groups.Tuple.tuple("3", Reason.CUSTOMER_NOT_IN_CRM),
                org.assertj.core.groups.Tuple.tuple("4", Reason.DISMISSED));
    }

    @Test
    void aReceiptPaidByAnotherCustomerHasItsOwnReasonAndNamesTheOpportunity() {
        // the receipts route queues it with CUSTOMER_MISMATCH: C1 paid, the memo names OPP-5 of customer 2 (C2)
        LedgerRow r = new LedgerRow("K3", "5", "receipts-k3", "SKD5", LocalDate.parse("2026-10-10"), "C1", "PRE001", "CNY",
                BigDecimal.ONE, new BigDecimal("900.00"), new BigDecimal("900.00"), "商机号 OPP-5", "UNMATCHED",
                "CUSTOMER_MISMATCH", null, null, BigDecimal.ZERO, "OPP-5");
        Opp other = new Opp(5, "OPP-5", 2L, "成交", "CNY", new BigDecimal("900.00"), BigDecimal.ZERO, new BigDecimal("900.00"),
                "未回款", null, LocalDate.parse("2026-09-01"));
        SourceData data = new SourceData(OCT, List.of(r), Map.of(), List.of(), Map.of(5L, other),
                Map.of(1L, new SourceData.Customer(1, "C1", "客户1"), 2L, new SourceData.Customer(2, "C2", "客户2")),
                new SourceData.ControlFigures(1, new BigDecimal("900.00")), "已回款", List.of("输单"));
        Difference d = ReasonRules.find(data, "CNY").get(0);
        assertThat(d.reason()).isEqualTo(Reason.CUSTOMER_MISMATCH);
        assertThat(d.opportunityNo()).isEqualTo("OPP-5");
        assertThat(d.amount()).isEqualByComparingTo("900.00");
        assertThat(d.detail()).isEqualTo(new ReconciliationReport.Detail("customerMismatch", List.of("C1", "OPP-5", "C2")));
    }

    @Test
    void roundingIsTheSubCentPartOfAConversion() {
        // 333.33 x 7.1234 = 2333.31 + 41.132922 = 2374.442922; the ledger keeps 2374.44 -> -0.002922, within half a cent
        LedgerRow r = row("1", "C1", "APPLIED", null, 1L, "333.33", "7.1234", "2374.44");
        assertThat(ReasonRules.rounding(r)).isEqualByComparingTo("-0.002922");
        // rate 1 is not a conversion; a difference of more than half a cent is not rounding
        assertThat(ReasonRules.rounding(row("2", "C1", "APPLIED", null, 1L, "100.00", "1", "100.00"))).isNull();
        assertThat(ReasonRules.rounding(row("3", "C1", "APPLIED", null, 1L, "100.00", "7.1", "711.00"))).isNull();
    }

    @Test
    void theCrmSideIsTakenAsAtThePeriodEnd() {
        // ledger applied 800 in total, 300 of it dated after October; CRM shows 1000 received, 1000 outstanding now.
        // As at 31 October: CRM 1000 - 300 = 700, ERP 800 - 300 = 500: deviation 200 = the hand edit 1000 - 800;
        // outstanding then 1000 + 300 = 1300. Nothing dated after October is a row of its own.
        Map<Long, Opp> opps = Map.of(1L, opp(1, "2026-09-01", "2000.00", "1000.00", "部分回款"));
        List<Difference> d = find(List.of(), Map.of(1L, new LedgerSums(new BigDecimal("800.00"), new BigDecimal("300.00"), 2)), opps);
        assertThat(d).extracting(Difference::reason, Difference::amount).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Reason.CRM_EDITED, new BigDecimal("200.00")),
                org.assertj.core.groups.Tuple.tuple(Reason.PARTIAL_PAYMENT, new BigDecimal("1300.00")));
    }

    @Test
    void invalidDocumentsKeepTheirOriginalCurrencyAndDeletedOpportunitiesAreNamed() {
        LedgerRow rateZero = new LedgerRow("U8", "8", "receipts-u8", "SK8", LocalDate.parse("2026-10-10"), "C1", "美元", "USD",
                BigDecimal.ZERO, new BigDecimal("100.00"), null, "OPP-7", "UNMATCHED", "INVALID_DOCUMENT", null, null,
                BigDecimal.ZERO, "OPP-7");
        // applied to opportunity 9, which the CRM no longer has
        LedgerRow onDeleted = row("9", "C1", "APPLIED", null, 9L, "300.00", "1", "300.00");
        List<Difference> d = find(List.of(rateZero, onDeleted), Map.of(9L, new LedgerSums(new BigDecimal("300.00"), BigDecimal.ZERO, 1)),
                Map.of());
        assertThat(d).extracting(Difference::reason, Difference::documentId, Difference::opportunityNo, Difference::currency,
                Difference::amount, x -> x.detail().key()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Reason.INVALID_DOCUMENT, "8", "OPP-7", "USD", new BigDecimal("100.00"), "invalid.rate"),
                org.assertj.core.groups.Tuple.tuple(Reason.OPPORTUNITY_DELETED, "9", "OPP-9", "CNY", new BigDecimal("300.00"),
                        "opportunityDeleted"));
    }

    @Test
    void paidWithNoReceiptBehindIt() {
        Map<Long, Opp> opps = Map.of(1L, opp(1, "2026-09-01", "500.00", "500.00", "已回款"));
        assertThat(find(List.of(), Map.of(), opps)).extracting(Difference::reason, Difference::amount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Reason.PAID_WITHOUT_RECEIPT, new BigDecimal("500.00")));
    }

    @Test
    void appliedToAnOpportunityNotWonAndRedReceipts() {
        Map<Long, Opp> opps = Map.of(7L, opp(7, null, "900.00", "0.00", "未回款"));
        List<Difference> d = find(List.of(row("1", "C1", "APPLIED", null, 7L, "-50.00", "1", "-50.00")),
                Map.of(7L, new LedgerSums(new BigDecimal("-50.00"), BigDecimal.ZERO, 1)), opps);
        assertThat(d).extracting(Difference::reason).contains(Reason.NOT_WON, Reason.REVERSAL, Reason.CRM_EDITED);
    }
}
