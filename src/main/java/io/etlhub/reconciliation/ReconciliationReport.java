package io.etlhub.reconciliation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A reconciliation for one period: control total, three levels, every difference with its reason, unmatched receipts. */
public record ReconciliationReport(
        Period period,
        String reportCurrency,
        ControlTotal control,
        List<AmountLine> totals,
        List<AmountLine> customers,
        List<AmountLine> opportunities,
        List<Difference> differences,
        List<UnmatchedReceipt> unmatched) {

    /**
     * ERP receipts in the period (live ledger documents with an amount in the report currency) = matched + unmatched
     * + dismissed. Invalid documents (no amount, exchange rate 0) have no report-currency amount: they are their own
     * bucket, in their original currency, and counted in documents.
     */
    public record ControlTotal(long documents, BigDecimal erpReceipts, BigDecimal matched, BigDecimal unmatched,
                               BigDecimal dismissed, BigDecimal difference, boolean balanced,
                               List<SourceData.InvalidAmount> invalid) {}

    /**
     * One line of a level. Amounts in the line's currency, except erpReceivedLocal and erpUnmatchedLocal (report
     * currency, converted with each document's own rate). deviation = crmReceived - erpReceivedToDate.
     */
    public record AmountLine(String level, String customerCode, String customerName, String opportunityNo, String stage,
                             String currency, BigDecimal signedInPeriod, BigDecimal signedCumulative,
                             BigDecimal erpReceivedLocal, BigDecimal erpUnmatchedLocal, BigDecimal erpReceivedToDate,
                             BigDecimal crmReceived, BigDecimal outstanding, BigDecimal deviation,
                             BigDecimal deviationPercent) {}

    /**
     * One explained difference. currency is the amount's currency. The detail is a message
     * (reconciliation.detail.&lt;key&gt; with its arguments), so it reads in the report's language.
     */
    public record Difference(Reason reason, String system, String documentId, String documentNo, String customerCode,
                             String opportunityNo, String currency, BigDecimal amount, Detail detail) {
        /**
         * An ordinary difference finance need not look at: a partial payment (the rest is still to come) or a
         * conversion rounding that is 0.00 at cents. Pages hide these unless asked.
         */
        public boolean routine() {
            return reason == Reason.PARTIAL_PAYMENT || (reason == Reason.ROUNDING && amount != null
                    && amount.setScale(2, java.math.RoundingMode.HALF_UP).signum() == 0);
        }
    }

    /** A translatable detail: the message key under reconciliation.detail. and its arguments. */
    public record Detail(String key, List<String> args) {
        public static Detail of(String key, Object... args) {
            return new Detail(key, java.util.Arrays.stream(args).map(a -> a == null ? "" : a instanceof BigDecimal b
                    ? b.toPlainString() : a.toString()).toList());
        }

        @Override
        public String toString() { return key + args; }
    }

    /** currency is the ISO code of amount (the ERP's own text only when it maps to none); localAmount is in the report currency. */
    public record UnmatchedReceipt(String system, String documentId, String documentNo, LocalDate date,
                                   String customerCode, String currency, BigDecimal amount, BigDecimal localAmount,
                                   String memo, String state, String ledgerReason, String namedOpportunity,
                                   List<Suggestion> suggestions) {}

    /**
     * A candidate: one opportunity (1:1, confirmable) or several (split: the ledger applies one document to one
     * opportunity, so a split is recorded in the ERP as several documents or assigned by hand).
     */
    public record Suggestion(List<String> opportunityNos, List<BigDecimal> outstanding, String currency,
                             BigDecimal receiptAmount, BigDecimal score, BigDecimal amountScore, boolean ambiguous,
                             boolean split) {}
}
