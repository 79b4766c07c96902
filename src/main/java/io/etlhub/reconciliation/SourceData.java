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

    /** A receipt_ledger row dated in the period. isoCurrency is the ERP currency text mapped to ISO (null if unknown). */
    public record LedgerRow(String system, String documentId, String routeId, String documentNo, LocalDate date,
                            String customerCode, String currency, String isoCurrency, BigDecimal exchangeRate,
                            BigDecimal amount, BigDecimal localAmount, String memo, String state, String reason,
                            Long opportunityId, String opportunityNo, BigDecimal appliedAmount) {
        public boolean live() { return !"REVERSED".equals(state); }
    }

    /** Per opportunity, over the whole ledger: applied now, and the part of it dated after the period. */
    public record LedgerSums(BigDecimal applied, BigDecimal appliedAfterPeriod, long documents) {}

    /** A DELTA or REVERSE event of a document dated in the period. */
    public record EventRow(String system, String documentId, String documentNo, String customerCode, String action,
                           Long opportunityId, BigDecimal amountDelta, String reason) {}

    public record Opp(long id, String number, Long customerId, String stage, String currency, BigDecimal signed,
                      BigDecimal received, BigDecimal outstanding, String receiptStatus, LocalDate plannedReceiptDate,
                      LocalDate wonDate) {}

    public record Customer(long id, String erpCode, String name) {}

    /** The control figures pushed down to the ledger: live documents dated in the period. */
    public record ControlFigures(long documents, BigDecimal total) {}
}
