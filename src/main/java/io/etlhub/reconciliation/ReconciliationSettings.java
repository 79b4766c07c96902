package io.etlhub.reconciliation;

import java.math.BigDecimal;

/**
 * mappings/reconciliation.yml: the report currency and the match-suggestion rules finance may tune.
 * Tolerance is given both as an amount and as a percent of the receipt; the tighter one applies.
 */
public record ReconciliationSettings(
        String reportCurrency,
        BigDecimal toleranceAmount,
        BigDecimal tolerancePercent,
        Integer dateWindowDays,
        Integer maxSplitParts,
        Integer maxSuggestions,
        BigDecimal amountWeight,
        BigDecimal dateWeight) {

    public ReconciliationSettings {
        if (reportCurrency == null || !reportCurrency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("mappings/reconciliation.yml: report-currency must be an ISO code such as CNY");
        }
        requireNonNegative("tolerance-amount", toleranceAmount);
        requireNonNegative("tolerance-percent", tolerancePercent);
        requireNonNegative("amount-weight", amountWeight);
        requireNonNegative("date-weight", dateWeight);
        if (dateWindowDays == null || dateWindowDays < 0) throw new IllegalArgumentException("mappings/reconciliation.yml: date-window-days must be 0 or more");
        if (maxSplitParts == null || maxSplitParts < 1) throw new IllegalArgumentException("mappings/reconciliation.yml: max-split-parts must be 1 or more");
        if (maxSuggestions == null || maxSuggestions < 1) throw new IllegalArgumentException("mappings/reconciliation.yml: max-suggestions must be 1 or more");
    }

    private static void requireNonNegative(String key, BigDecimal value) {
        if (value == null || value.signum() < 0) throw new IllegalArgumentException("mappings/reconciliation.yml: " + key + " must be 0 or more");
    }
}
