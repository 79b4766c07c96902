package io.etlhub.reconciliation;

import io.etlhub.reconciliation.ReconciliationReport.Difference;
import io.etlhub.reconciliation.SourceData.LedgerRow;
import io.etlhub.reconciliation.SourceData.Opp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds every difference of a period and gives it one reason from {@link Reason}. Pure: the same data
 * gives the same list. The rules are documented in docs/reconciliation.md.
 */
final class ReasonRules {
    /** Half a cent: the most a correct conversion rounding can move a document. */
    private static final BigDecimal HALF_CENT = new BigDecimal("0.005");

    private ReasonRules() {}

    static List<Difference> find(SourceData data, String reportCurrency) {
        List<Difference> out = new ArrayList<>();
        Set<String> crmCodes = data.customers().values().stream().map(SourceData.Customer::erpCode)
                .filter(c -> c != null).collect(Collectors.toSet());
        for (LedgerRow r : data.ledger()) {
            if (r.live()) documentReasons(r, data, crmCodes, reportCurrency, out);
        }
        for (SourceData.EventRow e : data.events()) eventReason(e, data, out);
        for (Opp o : data.opportunities().values()) opportunityReasons(o, data, out);
        return out;
    }

    private static void documentReasons(LedgerRow r, SourceData data, Set<String> crmCodes, String reportCurrency,
                                        List<Difference> out) {
        BigDecimal local = Money.of(r.localAmount());
        boolean knownCustomer = r.customerCode() != null && crmCodes.contains(r.customerCode());
        switch (r.state()) {
            case "UNMATCHED" -> {
                if (!knownCustomer) {
                    out.add(doc(Reason.CUSTOMER_NOT_IN_CRM, r, null, reportCurrency, local, "ERP customer " + r.customerCode()));
                } else if ("OPPORTUNITY_CLOSED".equals(r.reason())) {
                    out.add(doc(Reason.NOT_WON, r, r.opportunityNo(), reportCurrency, local, r.reason()));
                } else {
                    // NO_NUMBER, MULTIPLE_NUMBERS, UNKNOWN_OPPORTUNITY, CURRENCY, INVALID_DOCUMENT
                    out.add(doc(Reason.UNMATCHED, r, null, reportCurrency, local, r.reason()));
                }
            }
            case "DISMISSED" -> out.add(doc(knownCustomer ? Reason.DISMISSED : Reason.CUSTOMER_NOT_IN_CRM, r, null,
                    reportCurrency, local, r.reason()));
            case "APPLIED" -> {
                Opp opp = r.opportunityId() == null ? null : data.opportunities().get(r.opportunityId());
                if (opp != null && opp.wonDate() == null) {
                    out.add(doc(Reason.NOT_WON, r, opp.number(), reportCurrency, local, "stage " + opp.stage()));
                }
                if (local.signum() < 0) out.add(doc(Reason.REVERSAL, r, r.opportunityNo(), reportCurrency, local, null));
            }
            default -> { }
        }
        BigDecimal rounding = rounding(r);
        if (rounding != null) {
            out.add(doc(Reason.ROUNDING, r, r.opportunityNo(), reportCurrency, rounding,
                    r.amount() + " x " + r.exchangeRate().stripTrailingZeros().toPlainString()));
        }
    }

    /** local_amount minus the exact amount x rate, for a converted document, when it is within half a cent. */
    static BigDecimal rounding(LedgerRow r) {
        if (r.amount() == null || r.localAmount() == null || r.exchangeRate() == null) return null;
        if (r.exchangeRate().compareTo(BigDecimal.ONE) == 0) return null;
        BigDecimal diff = r.localAmount().subtract(r.amount().multiply(r.exchangeRate()));
        if (diff.signum() == 0 || diff.abs().compareTo(HALF_CENT) > 0) return null;
        return diff.stripTrailingZeros().scale() < 2 ? diff.setScale(2) : diff.stripTrailingZeros();
    }

    private static void eventReason(SourceData.EventRow e, SourceData data, List<Difference> out) {
        Opp opp = e.opportunityId() == null ? null : data.opportunities().get(e.opportunityId());
        String number = opp == null ? null : opp.number();
        String currency = opp == null ? null : opp.currency();
        if ("DELTA".equals(e.action())) {
            out.add(new Difference(Reason.EDITED_AFTER_APPLY, e.system(), e.documentId(), e.documentNo(), e.customerCode(),
                    number, currency, Money.of(e.amountDelta()), e.reason()));
        } else if ("REVERSE".equals(e.action())) {
            out.add(new Difference(Reason.DELETED_AFTER_APPLY, e.system(), e.documentId(), e.documentNo(), e.customerCode(),
                    number, currency, Money.of(e.amountDelta()), e.reason()));
        }
    }

    /**
     * The CRM side of one opportunity. deviation = crm received - ledger applied up to the period end
     * = (crm received - ledger applied) + (ledger applied after the period): the first part is a hand
     * edit (or 已回款 with nothing behind it), the second is timing. So every deviation is explained.
     */
    private static void opportunityReasons(Opp o, SourceData data, List<Difference> out) {
        SourceData.LedgerSums sums = data.appliedByOpportunity().get(o.id());
        BigDecimal applied = sums == null ? Money.ZERO : Money.of(sums.applied());
        BigDecimal after = sums == null ? Money.ZERO : Money.of(sums.appliedAfterPeriod());
        BigDecimal received = Money.of(o.received());
        String customer = customerCode(o, data);
        BigDecimal handEdit = received.subtract(applied);
        if (handEdit.signum() != 0) {
            boolean paidWithoutReceipt = data.paidStatus().equals(o.receiptStatus()) && (sums == null || sums.documents() == 0);
            out.add(new Difference(paidWithoutReceipt ? Reason.PAID_WITHOUT_RECEIPT : Reason.CRM_EDITED, null, null, null,
                    customer, o.number(), o.currency(), handEdit, "CRM " + received + " / ERP " + applied));
        }
        if (after.signum() != 0) {
            out.add(new Difference(Reason.TIMING, null, null, null, customer, o.number(), o.currency(), after,
                    "after " + data.period().to()));
        }
        boolean won = o.wonDate() != null && !o.wonDate().isAfter(data.period().to());
        BigDecimal outstanding = Money.of(o.outstanding());
        if (won && received.signum() > 0 && outstanding.signum() > 0) {
            out.add(new Difference(Reason.PARTIAL_PAYMENT, null, null, null, customer, o.number(), o.currency(),
                    outstanding, "signed " + Money.of(o.signed())));
        }
    }

    private static String customerCode(Opp o, SourceData data) {
        SourceData.Customer c = o.customerId() == null ? null : data.customers().get(o.customerId());
        return c == null ? null : c.erpCode();
    }

    private static Difference doc(Reason reason, LedgerRow r, String opportunityNo, String currency, BigDecimal amount,
                                  String detail) {
        return new Difference(reason, r.system(), r.documentId(), r.documentNo(), r.customerCode(), opportunityNo,
                currency, amount, detail);
    }
}
