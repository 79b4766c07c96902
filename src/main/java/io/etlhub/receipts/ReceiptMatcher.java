package io.etlhub.receipts;

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

    public ReceiptMatch match(ReceiptDocument doc, String assignedNumber, Map<String, Opportunity> byNumber) {
        if (doc.problem() != null) {
            return new ReceiptMatch.Unmatched(UnmatchedReason.INVALID_DOCUMENT, doc.problem());
        }
        List<String> found = candidateNumbers(doc, assignedNumber);
        if (found.isEmpty()) {
            return new ReceiptMatch.Unmatched(UnmatchedReason.NO_NUMBER, "memo has no opportunity number: " + doc.memo());
        }
        if (found.size() > 1) {
            return new ReceiptMatch.Unmatched(UnmatchedReason.MULTIPLE_NUMBERS, "memo has several opportunity numbers: " + found);
        }
        Opportunity opp = byNumber.get(found.get(0));
        if (opp == null) {
            return new ReceiptMatch.Unmatched(UnmatchedReason.UNKNOWN_OPPORTUNITY, "no opportunity " + found.get(0) + " in the CRM");
        }
        if (noReceiptStages.contains(opp.stage())) {
            return new ReceiptMatch.Unmatched(UnmatchedReason.OPPORTUNITY_CLOSED,
                    "opportunity " + opp.number() + " is in stage " + opp.stage());
        }
        BigDecimal amount = amountIn(opp.currency(), doc);
        if (amount == null) {
            return new ReceiptMatch.Unmatched(UnmatchedReason.CURRENCY, "receipt in " + doc.currencyRaw()
                    + " cannot be converted to the opportunity's " + opp.currency());
        }
        return new ReceiptMatch.Matched(opp, amount);
    }

    private BigDecimal amountIn(String currency, ReceiptDocument doc) {
        if (doc.currency() == null || currency == null) return null;
        if (currency.equals(doc.currency())) return doc.amount();
        if (currency.equals(localCurrency)) return doc.localAmount();
        return null;
    }
}
