package io.etlhub.reconciliation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What a reconciliation is computed from, read from the hub's ledger and the CRM. */
public record SourceData(
        Period period,
        List<LedgerRow> ledger,
        Map<Long, LedgerSums> appliedByOpportunity,
        List<EventRow> events,
        Map<Long, Opp> opportunities,
        Map<Long, Customer> customers,
        ControlFigures control,
        String paidStatus,
        List<String> noReceiptStages) {

    /**
     * A receipt_ledger row dated in the period. isoCurrency is the ERP currency text mapped to ISO (null if unknown);
     * namedOpportunity is the opportunity the document names: the one it is applied to, the one finance assigned,
     * or the number(s) in its memo (so a receipt on a lost or unknown opportunity still names it).
     */
    public record LedgerRow(String system, String documentId, String routeId, String documentNo, LocalDate date,
                            String customerCode, String currency, String isoCurrency, BigDecimal exchangeRate,
                            BigDecimal amount, BigDecimal localAmount, String memo, String state, String reason,
                            Long opportunityId, String opportunityNo, BigDecimal appliedAmount, String namedOpportunity) {
        public boolean live() { return !"REVERSED".equals(state); }

        /** Exchange rate 0 or missing, no amount: nothing can be said of it in the report currency. */
        public boolean invalid() { return live() && (localAmount == null || "INVALID_DOCUMENT".equals(reason)); }

        /** The currency to show the original amount in: ISO when known, else the ERP's own text. */
        public String displayCurrency() { return isoCurrency != null ? isoCurrency : currency; }
    }

    /**
     * Per opportunity, over the whole ledger: applied now, the part of it dated after the period, and how many applied
     * documents there are in all and dated up to the period end.
     */
    public record LedgerSums(BigDecimal applied, BigDecimal appliedAfterPeriod, long documents, long documentsByEnd,
                             List<String> systemsByEnd, List<String> documentNosByEnd) {
        /** How many applied documents' numbers a difference names; the rest are counted ("+ 3"). */
        public static final int NAMED = 10;

        public LedgerSums(BigDecimal applied, BigDecimal appliedAfterPeriod, long documents, long documentsByEnd) {
            this(applied, appliedAfterPeriod, documents, documentsByEnd, List.of(), List.of());
        }

        public LedgerSums(BigDecimal applied, BigDecimal appliedAfterPeriod, long documents) {
            this(applied, appliedAfterPeriod, documents, documents);
        }

        LedgerSums withDocuments(List<String> systems, List<String> documentNos) {
            return new LedgerSums(applied, appliedAfterPeriod, documents, documentsByEnd, systems, documentNos);
        }
    }

    /** A DELTA or REVERSE event of a document dated in the period. */
    public record EventRow(String system, String documentId, String documentNo, String customerCode, String action,
                           Long opportunityId, BigDecimal amountDelta, String reason, String opportunityNo) {}

    /** An opportunity as the CRM has it now; stageAtEnd is its stage on the period's last day (stage history). */
    public record Opp(long id, String number, Long customerId, String stage, String currency, BigDecimal signed,
                      BigDecimal received, BigDecimal outstanding, String receiptStatus, LocalDate plannedReceiptDate,
                      LocalDate wonDate, String stageAtEnd) {
        public Opp(long id, String number, Long customerId, String stage, String currency, BigDecimal signed,
                   BigDecimal received, BigDecimal outstanding, String receiptStatus, LocalDate plannedReceiptDate,
                   LocalDate wonDate) {
            this(id, number, customerId, stage, currency, signed, received, outstanding, receiptStatus, plannedReceiptDate,
                    wonDate, stage);
        }

        Opp withOutstanding(BigDecimal amount) {
            return new Opp(id, number, customerId, stage, currency, signed, received, amount, receiptStatus,
                    plannedReceiptDate, wonDate, stageAtEnd);
        }

        Opp withStageAtEnd(String stage) {
            return new Opp(id, number, customerId, this.stage, currency, signed, received, outstanding, receiptStatus,
                    plannedReceiptDate, wonDate, stage);
        }
    }

    public record Customer(long id, String erpCode, String name) {}

    /**
     * The control figures pushed down to the ledger: live documents dated in the period; total is the report-currency
     * sum of the valid ones; the invalid ones (no amount, exchange rate 0) are counted per original currency.
     */
    public record ControlFigures(long documents, BigDecimal total, List<InvalidAmount> invalid) {
        public ControlFigures(long documents, BigDecimal total) {
            this(documents, total, List.of());
        }
    }

    /** Invalid documents of one original currency: how many, and the sum of those that have an amount. */
    public record InvalidAmount(String currency, long documents, BigDecimal amount) {}
}
