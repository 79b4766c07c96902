package io.etlhub.reconciliation;

import io.etlhub.reconciliation.ReconciliationReport.Detail;
import io.etlhub.reconciliation.ReconciliationReport.Difference;
import io.etlhub.reconciliation.SourceData.LedgerRow;
import io.etlhub.reconciliation.SourceData.Opp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds every difference of a period, as at its last day, and gives it one reason from {@link Reason}. Pure: the same
 * data gives the same list. Every row names its document(s) and the opportunity they name. The rules are documented
 * in docs/reconciliation.md.
 */
final class ReasonRules {
    /** Half a cent: the most a correct conversion rounding can move a document. */
    private static final BigDecimal HALF_CENT = new BigDecimal("0.005");

    private ReasonRules() {}

    static List<Difference> find(SourceData data, String reportCurrency) {
        List<Difference> out = new ArrayList<>();
        Set<String> crmCodes = data.customers().values().stream().map(SourceData.Customer::erpCode)
                .filter(c -> c != null).collect(Collectors.toSet());
        Map<String, Opp> byNumber = new HashMap<>();
        data.opportunities().values().forEach(o -> byNumber.put(o.number(), o));
        for (LedgerRow r : data.ledger()) {
            if (r.live()) documentReasons(r, data, crmCodes, byNumber, reportCurrency, out);
        }
        for (SourceData.EventRow e : data.events()) eventReason(e, data, out);
        for (Opp o : data.opportunities().values()) opportunityReasons(o, data, out);
        out.sort(REPORT_ORDER);
        return out;
    }

    /** Grouped by reason (in the order of {@link Reason}), then customer, then document and opportunity. */
    static final Comparator<Difference> REPORT_ORDER = Comparator.comparing(Difference::reason)
            .thenComparing(d -> nz(d.customerCode())).thenComparing(d -> nz(d.system()))
            .thenComparing(d -> nz(d.documentNo())).thenComparing(d -> nz(d.opportunityNo()));

    private static String nz(String s) { return s == null ? "" : s; }

    private static void documentReasons(LedgerRow r, SourceData data, Set<String> crmCodes, Map<String, Opp> byNumber,
                                        String reportCurrency, List<Difference> out) {
        if (r.invalid()) {
            out.add(doc(Reason.INVALID_DOCUMENT, r, r.namedOpportunity(), r.displayCurrency(), Money.of(r.amount()), invalidDetail(r)));
            return;
        }
        BigDecimal local = Money.of(r.localAmount());
        boolean knownCustomer = r.customerCode() != null && crmCodes.contains(r.customerCode());
        String named = r.namedOpportunity();
        switch (r.state()) {
            case "UNMATCHED" -> {
                if (!knownCustomer) {
                    out.add(doc(Reason.CUSTOMER_NOT_IN_CRM, r, named, reportCurrency, local,
                            Detail.of("customerNotInCrm", r.customerCode())));
                } else if ("CUSTOMER_MISMATCH".equals(r.reason())) {
                    Opp opp = byNumber.get(named);
                    out.add(doc(Reason.CUSTOMER_MISMATCH, r, named, reportCurrency, local, Detail.of("customerMismatch",
                            r.customerCode(), named, opp == null ? "" : customerCode(opp, data))));
                } else if ("OPPORTUNITY_CLOSED".equals(r.reason())) {
                    Opp opp = byNumber.get(named);
                    out.add(doc(Reason.NOT_WON, r, named, reportCurrency, local,
                            Detail.of("opportunityClosed", named, opp == null ? "" : opp.stageAtEnd())));
                } else {
                    // NO_NUMBER, MULTIPLE_NUMBERS, UNKNOWN_OPPORTUNITY, CURRENCY: the ledger's reason, translated
                    out.add(doc(Reason.UNMATCHED, r, named, reportCurrency, local,
                            Detail.of("ledger." + r.reason(), named, r.displayCurrency())));
                }
            }
            case "DISMISSED" -> out.add(doc(knownCustomer ? Reason.DISMISSED : Reason.CUSTOMER_NOT_IN_CRM, r, named,
                    reportCurrency, local, knownCustomer ? Detail.of("dismissed") : Detail.of("customerNotInCrm", r.customerCode())));
            case "APPLIED" -> {
                Opp opp = r.opportunityId() == null ? null : data.opportunities().get(r.opportunityId());
                if (opp == null) {
                    out.add(doc(Reason.OPPORTUNITY_DELETED, r, r.opportunityNo(), reportCurrency, local,
                            Detail.of("opportunityDeleted", r.opportunityNo())));
                } else if (!PeriodEndFigures.of(opp, data).won()) {
                    out.add(doc(Reason.NOT_WON, r, opp.number(), reportCurrency, local, Detail.of("notWonAtEnd",
                            data.period().to(), opp.stageAtEnd(), opp.wonDate() == null ? "-" : opp.wonDate())));
                }
                if (local.signum() < 0) out.add(doc(Reason.REVERSAL, r, r.opportunityNo(), reportCurrency, local, Detail.of("reversal")));
            }
            default -> { }
        }
        BigDecimal rounding = rounding(r);
        if (rounding != null) {
            out.add(doc(Reason.ROUNDING, r, named, reportCurrency, rounding, Detail.of("rounding",
                    Money.of(r.amount()), r.displayCurrency(), r.exchangeRate().stripTrailingZeros().toPlainString(),
                    r.amount().multiply(r.exchangeRate()).stripTrailingZeros().toPlainString(), Money.of(r.localAmount()))));
        }
    }

    private static Detail invalidDetail(LedgerRow r) {
        if (r.amount() == null) return Detail.of("invalid.noAmount");
        if (r.date() == null) return Detail.of("invalid.noDate");
        return Detail.of("invalid.rate", r.exchangeRate() == null ? "-" : r.exchangeRate().stripTrailingZeros().toPlainString());
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
        String number = opp == null ? e.opportunityNo() : opp.number();
        String currency = opp == null ? null : opp.currency();
        if ("DELTA".equals(e.action())) {
            out.add(new Difference(Reason.EDITED_AFTER_APPLY, e.system(), e.documentId(), e.documentNo(), e.customerCode(),
                    number, currency, Money.of(e.amountDelta()), Detail.of("edited", number)));
        } else if ("REVERSE".equals(e.action())) {
            out.add(new Difference(Reason.DELETED_AFTER_APPLY, e.system(), e.documentId(), e.documentNo(), e.customerCode(),
                    number, currency, Money.of(e.amountDelta()), Detail.of("event." + e.reason(), number)));
        }
    }

    /**
     * The CRM side of one opportunity, as at the period end. deviation = CRM received - ledger applied, both up to the
     * period end; what came later is in neither, so the deviation is the hand edit (or 已回款 with nothing behind it)
     * and stays the same when the period is re-run after later receipts.
     */
    private static void opportunityReasons(Opp o, SourceData data, List<Difference> out) {
        SourceData.LedgerSums sums = data.appliedByOpportunity().get(o.id());
        PeriodEndFigures end = PeriodEndFigures.of(o, data);
        String customer = customerCode(o, data);
        if (end.handEdit().signum() != 0) {
            boolean paidWithoutReceipt = data.paidStatus().equals(o.receiptStatus()) && (sums == null || sums.documents() == 0);
            out.add(new Difference(paidWithoutReceipt ? Reason.PAID_WITHOUT_RECEIPT : Reason.CRM_EDITED, systems(sums), null,
                    documentNos(sums), customer, o.number(), o.currency(), end.handEdit(),
                    Detail.of("crmVsLedger", Money.of(o.received()), Money.of(o.received()).subtract(end.handEdit()))));
        }
        if (end.won() && end.crmReceived().signum() > 0 && end.outstanding().signum() > 0) {
            out.add(new Difference(Reason.PARTIAL_PAYMENT, systems(sums), null, documentNos(sums), customer, o.number(), o.currency(),
                    end.outstanding(), Detail.of("partial", Money.of(o.signed()), end.crmReceived(), data.period().to())));
        }
    }

    /**
     * The systems of the documents applied to an opportunity by the period end ("U8", "K3, U8"), null when none: an
     * opportunity's difference names them with {@link #documentNos}.
     */
    static String systems(SourceData.LedgerSums sums) {
        if (sums == null || sums.systemsByEnd().isEmpty()) return null;
        return String.join(", ", new java.util.TreeSet<>(sums.systemsByEnd()));
    }

    /** Their numbers, by date, the first {@link SourceData.LedgerSums#NAMED} and how many more ("R1, R2 +3"). */
    static String documentNos(SourceData.LedgerSums sums) {
        if (sums == null || sums.documentNosByEnd().isEmpty()) return null;
        long more = sums.documentsByEnd() - sums.documentNosByEnd().size();
        return String.join(", ", sums.documentNosByEnd()) + (more > 0 ? " +" + more : "");
    }

    private static String customerCode(Opp o, SourceData data) {
        SourceData.Customer c = o.customerId() == null ? null : data.customers().get(o.customerId());
        return c == null ? null : c.erpCode();
    }

    private static Difference doc(Reason reason, LedgerRow r, String opportunityNo, String currency, BigDecimal amount,
                                  Detail detail) {
        return new Difference(reason, r.system(), r.documentId(), r.documentNo(), r.customerCode(), opportunityNo,
                currency, amount, detail);
    }
}
