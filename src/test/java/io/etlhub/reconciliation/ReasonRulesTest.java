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
                opp == null ? null : "OPP-" + opp, "APPLIED".equals(state) ? new BigDecimal(amount) : BigDecimal.ZERO);
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
    void roundingIsTheSubCentPartOfAConversion() {
        // 333.33 x 7.1234 = 2333.31 + 41.132922 = 2374.442922; the ledger keeps 2374.44 -> -0.002922, within half a cent
        LedgerRow r = row("1", "C1", "APPLIED", null, 1L, "333.33", "7.1234", "2374.44");
        assertThat(ReasonRules.rounding(r)).isEqualByComparingTo("-0.002922");
        // rate 1 is not a conversion; a difference of more than half a cent is not rounding
        assertThat(ReasonRules.rounding(row("2", "C1", "APPLIED", null, 1L, "100.00", "1", "100.00"))).isNull();
        assertThat(ReasonRules.rounding(row("3", "C1", "APPLIED", null, 1L, "100.00", "7.1", "711.00"))).isNull();
    }

    @Test
    void crmSideDeviationSplitsIntoHandEditAndTiming() {
        // ledger applied 800 in total, 300 of it dated after October; CRM shows 1000
        // deviation = 1000 - (800 - 300) = 500 = hand edit (1000 - 800 = 200) + timing 300
        Map<Long, Opp> opps = Map.of(1L, opp(1, "2026-09-01", "2000.00", "1000.00", "部分回款"));
        List<Difference> d = find(List.of(), Map.of(1L, new LedgerSums(new BigDecimal("800.00"), new BigDecimal("300.00"), 2)), opps);
        assertThat(d).extracting(Difference::reason, Difference::amount).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Reason.CRM_EDITED, new BigDecimal("200.00")),
                org.assertj.core.groups.Tuple.tuple(Reason.TIMING, new BigDecimal("300.00")),
                // outstanding 2000 - 1000
                org.assertj.core.groups.Tuple.tuple(Reason.PARTIAL_PAYMENT, new BigDecimal("1000.00")));
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
