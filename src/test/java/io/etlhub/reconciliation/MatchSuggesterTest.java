package io.etlhub.reconciliation;

import io.etlhub.reconciliation.ReconciliationReport.Suggestion;
import io.etlhub.reconciliation.SourceData.LedgerRow;
import io.etlhub.reconciliation.SourceData.Opp;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MatchSuggesterTest {
    // tolerance 50.00 or 0.5 %, window 30 days, splits of up to 3, weights 0.7 / 0.3
    static final ReconciliationSettings SETTINGS = new ReconciliationSettings("CNY", new BigDecimal("50.00"),
            new BigDecimal("0.5"), 30, 3, 5, new BigDecimal("0.7"), new BigDecimal("0.3"));
    final MatchSuggester suggester = new MatchSuggester(SETTINGS);

    static LedgerRow receipt(String amount, String date) {
        return new LedgerRow("U8", "1", "receipts-u8", "SK1", LocalDate.parse(date), "C00001", "人民币", "CNY",
                BigDecimal.ONE, new BigDecimal(amount), new BigDecimal(amount), "货款", "UNMATCHED", "NO_NUMBER", null, null,
                BigDecimal.ZERO, null);
    }

    static Opp opp(long id, String currency, String outstanding, String planned) {
        return new Opp(id, String.format("OPP-2026-%05d", id), 1L, "成交", currency, new BigDecimal(outstanding),
                BigDecimal.ZERO, new BigDecimal(outstanding), "未回款", planned == null ? null : LocalDate.parse(planned),
                LocalDate.parse("2026-09-01"));
    }

    @Test
    void theTighterToleranceApplies() {
        // 1000.00 x 0.5 % = 5.00 < 50.00
        assertThat(suggester.tolerance(new BigDecimal("1000.00"))).isEqualByComparingTo("5.00");
        // 100000.00 x 0.5 % = 500.00 > 50.00
        assertThat(suggester.tolerance(new BigDecimal("100000.00"))).isEqualByComparingTo("50.00");
        // refunds are measured by size
        assertThat(suggester.tolerance(new BigDecimal("-1000.00"))).isEqualByComparingTo("5.00");
    }

    @Test
    void amountScoreFallsToZeroAtTheToleranceAndStopsBeyondIt() {
        // tolerance 5.00; 1.00 off -> 1 - 1/5 = 0.8
        assertThat(suggester.amountScore(new BigDecimal("1000.00"), new BigDecimal("1001.00"))).isEqualByComparingTo("0.8");
        assertThat(suggester.amountScore(new BigDecimal("1000.00"), new BigDecimal("1005.00"))).isEqualByComparingTo("0");
        assertThat(suggester.amountScore(new BigDecimal("1000.00"), new BigDecimal("1005.01"))).isNull();
        assertThat(suggester.amountScore(new BigDecimal("1000.00"), new BigDecimal("1000.00"))).isEqualByComparingTo("1");
    }

    @Test
    void dateScoreIsFullOnThePlannedDateAndZeroOutsideTheWindow() {
        Opp o = opp(1, "CNY", "1000.00", "2026-10-10");
        assertThat(suggester.dateScore(receipt("1000.00", "2026-10-10"), o)).isEqualByComparingTo("1");
        // 15 of 30 days -> 0.5
        assertThat(suggester.dateScore(receipt("1000.00", "2026-10-25"), o)).isEqualByComparingTo("0.5");
        assertThat(suggester.dateScore(receipt("1000.00", "2026-11-10"), o)).isEqualByComparingTo("0");
        assertThat(suggester.dateScore(receipt("1000.00", "2026-10-10"), opp(2, "CNY", "1", null))).isEqualByComparingTo("0");
    }

    @Test
    void oneToOneSuggestionsAreRankedByScore() {
        List<Suggestion> s = suggester.suggest(receipt("10000.00", "2026-10-10"), List.of(
                opp(1, "CNY", "10000.00", "2026-10-10"),   // 0.7 x 1 + 0.3 x 1 = 1.0000
                opp(2, "CNY", "10025.00", "2026-10-10"),   // tolerance 50; 25 off -> 0.5; 0.7 x 0.5 + 0.3 = 0.6500
                opp(3, "CNY", "20000.00", "2026-10-10"),   // out of tolerance
                opp(4, "USD", "10000.00", "2026-10-10")));  // a CNY receipt cannot pay a USD opportunity here
        assertThat(s).extracting(x -> x.opportunityNos().get(0)).containsExactly("OPP-2026-00001", "OPP-2026-00002");
        assertThat(s.get(0).score()).isEqualByComparingTo("1.0000");
        assertThat(s.get(1).score()).isEqualByComparingTo("0.6500");
        assertThat(s).noneMatch(Suggestion::ambiguous);
    }

    @Test
    void twoEquallyGoodCandidatesAreBothAmbiguous() {
        List<Suggestion> s = suggester.suggest(receipt("5000.00", "2026-10-10"), List.of(
                opp(1, "CNY", "5000.00", "2026-10-10"), opp(2, "CNY", "5000.00", "2026-10-10")));
        assertThat(s).hasSize(2).allMatch(Suggestion::ambiguous).noneMatch(Suggestion::split);
    }

    @Test
    void twoOpportunitiesOwedTheSameAmountAreAmbiguousEvenWhenTheirPlannedDatesRankThem() {
        // both owed exactly 43200.00 (amount closeness 1); planned 2 and 3 days from the receipt:
        // 0.7 + 0.3 x (1 - 2/30) = 0.9800, 0.7 + 0.3 x (1 - 3/30) = 0.9700
        List<Suggestion> s = suggester.suggest(receipt("43200.00", "2026-10-22"), List.of(
                opp(1, "CNY", "43200.00", "2026-10-20"), opp(2, "CNY", "43200.00", "2026-10-25"),
                // 10.00 off, tolerance min(50.00, 43200 x 0.5 % = 216.00) = 50.00: closeness 0.8, on the planned day:
                // 0.7 x 0.8 + 0.3 = 0.8600, not as good as the best
                opp(3, "CNY", "43210.00", "2026-10-22")));
        assertThat(s).extracting(x -> x.opportunityNos().get(0), Suggestion::score, Suggestion::ambiguous).containsExactly(
                org.assertj.core.groups.Tuple.tuple("OPP-2026-00001", new BigDecimal("0.9800"), true),
                org.assertj.core.groups.Tuple.tuple("OPP-2026-00002", new BigDecimal("0.9700"), true),
                org.assertj.core.groups.Tuple.tuple("OPP-2026-00003", new BigDecimal("0.8600"), false));
    }

    @Test
    void oneReceiptOverSeveralOpportunitiesIsASplitSuggestion() {
        // 3000 + 2000 = 5000 exactly; 3000 + 2500 = 5500 and 2000 + 2500 = 4500 are out of tolerance (25.00)
        List<Suggestion> s = suggester.suggest(receipt("5000.00", "2026-10-10"), List.of(
                opp(1, "CNY", "3000.00", "2026-10-10"), opp(2, "CNY", "2000.00", "2026-10-10"), opp(3, "CNY", "2500.00", null)));
        assertThat(s).hasSize(1);
        assertThat(s.get(0).split()).isTrue();
        assertThat(s.get(0).opportunityNos()).containsExactly("OPP-2026-00001", "OPP-2026-00002");
        assertThat(s.get(0).score()).isEqualByComparingTo("1.0000");
    }

    @Test
    void foreignReceiptsCompareInTheOpportunityCurrency() {
        LedgerRow usd = new LedgerRow("U8", "9", "receipts-u8", "SK9", LocalDate.parse("2026-10-10"), "C00001", "美元", "USD",
                new BigDecimal("7.1"), new BigDecimal("1000.00"), new BigDecimal("7100.00"), "", "UNMATCHED", "NO_NUMBER",
                null, null, BigDecimal.ZERO, null);
        assertThat(suggester.amountIn(usd, "USD")).isEqualByComparingTo("1000.00");
        assertThat(suggester.amountIn(usd, "CNY")).isEqualByComparingTo("7100.00");
        assertThat(suggester.amountIn(usd, "EUR")).isNull();
    }
}
