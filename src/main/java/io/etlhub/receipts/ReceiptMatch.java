package io.etlhub.receipts;

import java.math.BigDecimal;

/** Where a receipt document goes: an opportunity with the amount in its currency, or the unmatched queue. */
public sealed interface ReceiptMatch {
    record Matched(Opportunity opportunity, BigDecimal amount) implements ReceiptMatch {}

    record Unmatched(UnmatchedReason reason, String detail) implements ReceiptMatch {}
}
