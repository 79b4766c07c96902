package io.etlhub.receipts;

import io.etlhub.crm.Opportunity;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which opportunity a receipt pays, and how much in the opportunity's currency: the
 * original amount when the currencies are the same, the local amount when the opportunity is kept
 * in local currency, otherwise it cannot be converted.
 */
public final class ReceiptMatcher {
    private final OpportunityNumberMatcher numbers;
    private final Set<String> noReceiptStages;
    private final String localCurrency;

    public ReceiptMatcher(OpportunityNumberMatcher numbers, List<String> noReceiptStages, String localCurrency) {
        this.numbers = numbers;
        this.noReceiptStages = Set.copyOf(noReceiptStages == null ? List.of() : noReceiptStages);
        this.localCurrency = localCurrency;
    }

    /** The numbers to look up in the CRM for this document: the finance assignment, else the memo's. */
    public List<String> candidateNumbers(ReceiptDocument doc, String assignedNumber) {
        return assignedNumber != null ? List.of(assignedNumber) : numbers.find(doc.memo());
    }

    /** With the customer check of an unset customer-mismatch setting (queue as CUSTOMER_MISMATCH). */
    public ReceiptMatch match(ReceiptDocument doc, String assignedNumber, Map<String, Opportunity> byNumber) {
        return match(doc, assignedNumber, byNumber, CustomerCheck.UNMATCHED);
    }

    ReceiptMatch match(ReceiptDocument doc, String assignedNumber, Map<String, Opportunity> byNumber, CustomerCheck check) {
        return matchNumbers(doc, candidateNumbers(doc, assignedNumber), byNumber, check);
    }

    /** With the document's {@link #candidateNumbers} already found (they were needed to look the opportunities up). */
    ReceiptMatch matchNumbers(ReceiptDocument doc, List<String> found, Map<String, Opportunity> byNumber, CustomerCheck check) {
        if (doc.problem() != null) {
            return new ReceiptMatch.Unmatched(UnmatchedReason.INVALID_DOCUMENT, doc.problem());
        }
        if (found.isEmpty()) {
            return new ReceiptMatch.Unmatched(UnmatchedReason.NO_NUMBER, ReasonDetails.english(UnmatchedReason.NO_NUMBER.name(), String.valueOf(doc.memo())));
        }
        if (found.size() > 1) {
            return new ReceiptMatch.Unmatched(UnmatchedReason.MULTIPLE_NUMBERS, ReasonDetails.english(UnmatchedReason.MULTIPLE_NUMBERS.name(), String.valueOf(found)));
        }
        Opportunity opp = byNumber.get(found.get(0));
        if (opp == null) {
            return new ReceiptMatch.Unmatched(UnmatchedReason.UNKNOWN_OPPORTUNITY, ReasonDetails.english(UnmatchedReason.UNKNOWN_OPPORTUNITY.name(), found.get(0)));
        }
        String mismatch = check == CustomerCheck.OFF ? null : customerMismatch(doc, opp);
        if (mismatch != null && check == CustomerCheck.UNMATCHED) {
            return new ReceiptMatch.Unmatched(UnmatchedReason.CUSTOMER_MISMATCH, mismatch);
        }
        if (noReceiptStages.contains(opp.stage())) {
            return new ReceiptMatch.Unmatched(UnmatchedReason.OPPORTUNITY_CLOSED,
                    ReasonDetails.english(UnmatchedReason.OPPORTUNITY_CLOSED.name(), opp.number(), String.valueOf(opp.stage())));
        }
        BigDecimal amount = amountIn(opp.currency(), doc);
        if (amount == null) {
            return new ReceiptMatch.Unmatched(UnmatchedReason.CURRENCY,
                    ReasonDetails.english(UnmatchedReason.CURRENCY.name(), String.valueOf(doc.currency()), String.valueOf(opp.currency())));
        }
        return mismatch == null ? new ReceiptMatch.Matched(opp, amount)
                : new ReceiptMatch.Matched(opp, amount, UnmatchedReason.CUSTOMER_MISMATCH, mismatch);
    }

    /**
     * Why the receipt's ERP customer is not the opportunity's, or null when they agree or one side has
     * no code (then there is nothing to compare). Codes compare trimmed, ignoring case, as the ERPs do.
     */
    static String customerMismatch(ReceiptDocument doc, Opportunity opp) {
        String receipt = doc.customerCode();
        String crm = opp.customerErpCode();
        if (receipt == null || crm == null || receipt.trim().equalsIgnoreCase(crm.trim())) return null;
        return ReasonDetails.english(UnmatchedReason.CUSTOMER_MISMATCH.name(), receipt, opp.number(), crm);
    }

    private BigDecimal amountIn(String currency, ReceiptDocument doc) {
        if (doc.currency() == null || currency == null) return null;
        if (currency.equals(doc.currency())) return doc.amount();
        if (currency.equals(localCurrency)) return doc.localAmount();
        return null;
    }
}
