package io.etlhub.receipts;

import io.etlhub.crm.Opportunity;

import java.math.BigDecimal;

/** Where a receipt document goes: an opportunity with the amount in its currency, or the unmatched queue. */
public sealed interface ReceiptMatch {
    /** {@code warning}: applied although something is off (a customer mismatch in warn mode, or confirmed by finance). */
    record Matched(Opportunity opportunity, BigDecimal amount, UnmatchedReason warningReason, String warning)
            implements ReceiptMatch {
        public Matched(Opportunity opportunity, BigDecimal amount) {
            this(opportunity, amount, null, null);
        }
    }

    record Unmatched(UnmatchedReason reason, String detail) implements ReceiptMatch {}
}
