package io.etlhub.reconciliation;

import io.etlhub.reconciliation.ReconciliationReport.Suggestion;
import io.etlhub.reconciliation.SourceData.LedgerRow;
import io.etlhub.reconciliation.SourceData.Opp;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Suggests opportunities for an unmatched receipt among its customer's open opportunities. A candidate's
 * outstanding amount (or the sum of several, for a split) must be within tolerance of the receipt; the
 * score weighs amount closeness and how near the receipt date is to the planned receipt date. Suggestions as good
 * as the best (same score or same amount closeness) are all marked ambiguous. Nothing here applies anything.
 */
final class MatchSuggester {
    /** Open opportunities considered for splits; keeps the combinations small (C(12,3) = 220). */
    private static final int SPLIT_CANDIDATES = 12;

    private final ReconciliationSettings settings;

    MatchSuggester(ReconciliationSettings settings) {
        this.settings = settings;
    }

    /** The tighter of the amount and the percent tolerance, for a receipt of this size. */
    BigDecimal tolerance(BigDecimal receipt) {
        BigDecimal byPercent = receipt.abs().multiply(settings.tolerancePercent())
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        return byPercent.min(settings.toleranceAmount());
    }

    /** 1 for an exact amount, falling to 0 at the tolerance; null when outside it. */
    BigDecimal amountScore(BigDecimal receipt, BigDecimal candidate) {
        BigDecimal diff = receipt.subtract(candidate).abs();
        BigDecimal tolerance = tolerance(receipt);
        if (diff.compareTo(tolerance) > 0) return null;
        if (tolerance.signum() == 0) return BigDecimal.ONE;
        return BigDecimal.ONE.subtract(diff.divide(tolerance, 4, RoundingMode.HALF_UP));
    }

    /** 1 on the planned receipt date, falling to 0 at the edge of the date window (and outside it). */
    BigDecimal dateScore(LedgerRow receipt, Opp opp) {
        if (receipt.date() == null || opp.plannedReceiptDate() == null) return BigDecimal.ZERO;
        long days = Math.abs(ChronoUnit.DAYS.between(opp.plannedReceiptDate(), receipt.date()));
        int window = settings.dateWindowDays();
        if (days > window) return BigDecimal.ZERO;
        if (window == 0) return BigDecimal.ONE;
        return BigDecimal.ONE.subtract(BigDecimal.valueOf(days).divide(BigDecimal.valueOf(window), 4, RoundingMode.HALF_UP));
    }

    /**
     * The receipt's amount in the opportunity's currency: its own amount when the currencies agree, its
     * converted (local) amount for a report-currency opportunity; null when it cannot be compared.
     */
    BigDecimal amountIn(LedgerRow receipt, String currency) {
        if (currency == null) return null;
        if (currency.equals(receipt.isoCurrency())) return Money.of(receipt.amount());
        if (currency.equals(settings.reportCurrency()) && receipt.localAmount() != null) return Money.of(receipt.localAmount());
        return null;
    }

    List<Suggestion> suggest(LedgerRow receipt, List<Opp> openOpportunities) {
        List<Suggestion> found = new ArrayList<>();
        List<Opp> open = openOpportunities.stream().filter(o -> o.outstanding() != null && o.outstanding().signum() > 0)
                .sorted(Comparator.comparing(Opp::number)).toList();
        for (Opp o : open) {
            BigDecimal amount = amountIn(receipt, o.currency());
            if (amount == null || amount.signum() <= 0) continue;
            BigDecimal amountScore = amountScore(amount, Money.of(o.outstanding()));
            if (amountScore == null) continue;
            found.add(new Suggestion(List.of(o.number()), List.of(Money.of(o.outstanding())), o.currency(), amount,
                    score(amountScore, dateScore(receipt, o)), amountScore, false, false));
        }
        if (settings.maxSplitParts() > 1) splits(receipt, open.stream().limit(SPLIT_CANDIDATES).toList(), found);
        found.sort(Comparator.comparing(Suggestion::score).reversed().thenComparing(Suggestion::split)
                .thenComparing(s -> String.join(",", s.opportunityNos())));
        return markAmbiguous(found.stream().limit(settings.maxSuggestions()).toList());
    }

    private void splits(LedgerRow receipt, List<Opp> open, List<Suggestion> found) {
        List<List<Opp>> combos = new ArrayList<>();
        combinations(open, 0, new ArrayList<>(), combos);
        for (List<Opp> combo : combos) {
            String currency = combo.get(0).currency();
            if (combo.stream().anyMatch(o -> !currency.equals(o.currency()))) continue;
            BigDecimal amount = amountIn(receipt, currency);
            if (amount == null || amount.signum() <= 0) continue;
            BigDecimal sum = combo.stream().map(o -> Money.of(o.outstanding())).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal amountScore = amountScore(amount, sum);
            if (amountScore == null) continue;
            BigDecimal dates = combo.stream().map(o -> dateScore(receipt, o)).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(combo.size()), 4, RoundingMode.HALF_UP);
            found.add(new Suggestion(combo.stream().map(Opp::number).toList(),
                    combo.stream().map(o -> Money.of(o.outstanding())).toList(), currency, amount,
                    score(amountScore, dates), amountScore, false, true));
        }
    }

    private void combinations(List<Opp> open, int start, List<Opp> current, List<List<Opp>> out) {
        if (current.size() >= 2) out.add(List.copyOf(current));
        if (current.size() == settings.maxSplitParts()) return;
        for (int i = start; i < open.size(); i++) {
            current.add(open.get(i));
            combinations(open, i + 1, current, out);
            current.remove(current.size() - 1);
        }
    }

    private BigDecimal score(BigDecimal amountScore, BigDecimal dateScore) {
        BigDecimal weights = settings.amountWeight().add(settings.dateWeight());
        if (weights.signum() == 0) return amountScore.setScale(4, RoundingMode.HALF_UP);
        return amountScore.multiply(settings.amountWeight()).add(dateScore.multiply(settings.dateWeight()))
                .divide(weights, 4, RoundingMode.HALF_UP);
    }

    /**
     * The best suggestions are ambiguous when another one is as good: the same score, or the same amount closeness
     * (two opportunities whose outstanding amounts equal the receipt alike; the planned dates only rank them).
     */
    private static List<Suggestion> markAmbiguous(List<Suggestion> sorted) {
        if (sorted.size() < 2) return sorted;
        Suggestion best = sorted.get(0);
        boolean tied = sorted.stream().skip(1).anyMatch(s -> ties(best, s));
        if (!tied) return sorted;
        return sorted.stream().map(s -> s == best || ties(best, s)
                ? new Suggestion(s.opportunityNos(), s.outstanding(), s.currency(), s.receiptAmount(), s.score(), s.amountScore(),
                        true, s.split())
                : s).toList();
    }

    private static boolean ties(Suggestion best, Suggestion other) {
        return best.score().compareTo(other.score()) == 0 || best.amountScore().compareTo(other.amountScore()) == 0;
    }
}
