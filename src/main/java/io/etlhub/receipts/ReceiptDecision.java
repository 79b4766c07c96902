package io.etlhub.receipts;

import java.math.BigDecimal;
import java.util.List;

/**
 * What one document does to the ledger and to the CRM. {@code next == null} means nothing changes.
 * Each effect moves an opportunity's received amount by {@code delta} (zero when only its last
 * receipt date may have moved).
 */
public record ReceiptDecision(LedgerEntry previous, LedgerEntry next, List<Effect> effects, Outcome outcome,
                              List<Event> events) {

    public enum Outcome { APPLIED, REVERSED, UNMATCHED, UNCHANGED, IGNORED }

    public record Effect(long opportunityId, BigDecimal delta) {}

    public record Event(String action, Long opportunityId, BigDecimal amountDelta, String reason, String note) {}

    static ReceiptDecision nothing(LedgerEntry previous, Outcome outcome) {
        return new ReceiptDecision(previous, null, List.of(), outcome, List.of());
    }
}
