package io.etlhub.reconciliation;

import io.etlhub.reconciliation.ReconciliationReport.AmountLine;
import io.etlhub.reconciliation.ReconciliationReport.ControlTotal;
import io.etlhub.reconciliation.ReconciliationReport.UnmatchedReceipt;
import io.etlhub.reconciliation.SourceData.LedgerRow;
import io.etlhub.reconciliation.SourceData.Opp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns the source data of a period into the report. Pure, so the arithmetic is testable without databases. */
final class ReconciliationBuilder {
    private static final String NOT_IN_CRM = "";

    private final ReconciliationSettings settings;
    private final MatchSuggester suggester;

    ReconciliationBuilder(ReconciliationSettings settings) {
        this.settings = settings;
        this.suggester = new MatchSuggester(settings);
    }

    ReconciliationReport build(SourceData data) {
        Map<Long, BigDecimal> receivedInPeriod = new HashMap<>();
        BigDecimal unmatched = Money.ZERO;
        BigDecimal dismissed = Money.ZERO;
        Map<String, BigDecimal> unmatchedByCustomer = new HashMap<>();
        for (LedgerRow r : data.ledger()) {
            // Invalid documents have no amount in the report currency: the control total lists them on their own.
            if (r.invalid()) continue;
            switch (r.state()) {
                case "APPLIED" -> receivedInPeriod.merge(r.opportunityId(), Money.of(r.localAmount()), BigDecimal::add);
                case "UNMATCHED" -> unmatched = unmatched.add(Money.of(r.localAmount()));
                case "DISMISSED" -> dismissed = dismissed.add(Money.of(r.localAmount()));
                default -> { continue; }
            }
            if (!"APPLIED".equals(r.state())) {
                unmatchedByCustomer.merge(r.customerCode() == null ? NOT_IN_CRM : r.customerCode(), Money.of(r.localAmount()),
                        BigDecimal::add);
            }
        }
        List<AmountLine> opportunities = opportunityLines(data, receivedInPeriod);
        // Matched is summed from the opportunity lines, not from the ledger: a receipt applied to an
        // opportunity the CRM no longer has is then missing, and the control total shows it.
        BigDecimal matched = opportunities.stream().map(AmountLine::erpReceivedLocal).reduce(Money.ZERO, BigDecimal::add);
        BigDecimal erp = Money.of(data.control().total());
        BigDecimal difference = erp.subtract(matched).subtract(unmatched).subtract(dismissed);
        ControlTotal control = new ControlTotal(data.control().documents(), erp, matched, unmatched, dismissed, difference,
                difference.signum() == 0, data.control().invalid());
        List<AmountLine> customers = customerLines(data, opportunities, unmatchedByCustomer);
        return new ReconciliationReport(data.period(), settings.reportCurrency(), control, totalLines(customers), customers,
                opportunities, ReasonRules.find(data, settings.reportCurrency()), unmatchedReceipts(data));
    }

    /** Opportunities won by the period end, or with anything received (per ERP or per CRM), as at the period end. */
    private List<AmountLine> opportunityLines(SourceData data, Map<Long, BigDecimal> receivedInPeriod) {
        List<AmountLine> lines = new ArrayList<>();
        for (Opp o : data.opportunities().values()) {
            PeriodEndFigures end = PeriodEndFigures.of(o, data);
            BigDecimal local = receivedInPeriod.getOrDefault(o.id(), Money.ZERO);
            // Only what stood by the period end decides: receipts dated later must not add a line to a closed period.
            SourceData.LedgerSums sums = data.appliedByOpportunity().get(o.id());
            boolean ledgerByEnd = sums != null && sums.documentsByEnd() > 0;
            if (!end.won() && !ledgerByEnd && end.crmReceived().signum() == 0 && local.signum() == 0) continue;
            SourceData.Customer c = o.customerId() == null ? null : data.customers().get(o.customerId());
            BigDecimal deviation = end.crmReceived().subtract(end.erpReceived());
            lines.add(new AmountLine("opportunity", c == null ? null : c.erpCode(), c == null ? null : c.name(), o.number(),
                    o.stageAtEnd(), o.currency(), end.won() && data.period().contains(o.wonDate()) ? Money.of(o.signed()) : Money.ZERO,
                    end.won() ? Money.of(o.signed()) : Money.ZERO, local, Money.ZERO, end.erpReceived(), end.crmReceived(),
                    end.outstanding(), deviation, Money.percent(deviation, end.erpReceived())));
        }
        lines.sort(Comparator.comparing((AmountLine l) -> String.valueOf(l.customerCode())).thenComparing(AmountLine::opportunityNo));
        return lines;
    }

    /** Per customer and currency; ERP receipts of the customer that pay no opportunity are shown beside. */
    private List<AmountLine> customerLines(SourceData data, List<AmountLine> opportunities, Map<String, BigDecimal> unmatched) {
        Map<String, AmountLine> byKey = new TreeMap<>();
        Map<String, String> names = new HashMap<>();
        data.customers().values().forEach(c -> { if (c.erpCode() != null) names.put(c.erpCode(), c.name()); });
        for (AmountLine o : opportunities) {
            String code = o.customerCode() == null ? NOT_IN_CRM : o.customerCode();
            byKey.merge(code + "|" + o.currency(), sumLine("customer", code, o.customerName(), o.currency(), List.of(o)),
                    (a, b) -> sumLine("customer", code, a.customerName(), a.currency(), List.of(a, b)));
        }
        for (Map.Entry<String, BigDecimal> u : unmatched.entrySet()) {
            String key = u.getKey() + "|" + settings.reportCurrency();
            AmountLine extra = line("customer", u.getKey(), names.get(u.getKey()), settings.reportCurrency(), Money.ZERO,
                    Money.ZERO, Money.ZERO, u.getValue(), Money.ZERO, Money.ZERO, Money.ZERO);
            byKey.merge(key, extra, (a, b) -> sumLine("customer", a.customerCode(), a.customerName(), a.currency(), List.of(a, b)));
        }
        return new ArrayList<>(byKey.values());
    }

    private List<AmountLine> totalLines(List<AmountLine> customers) {
        Map<String, List<AmountLine>> byCurrency = new TreeMap<>();
        customers.forEach(c -> byCurrency.computeIfAbsent(c.currency(), k -> new ArrayList<>()).add(c));
        if (byCurrency.isEmpty()) byCurrency.put(settings.reportCurrency(), List.of());
        List<AmountLine> totals = new ArrayList<>();
        byCurrency.forEach((currency, lines) -> totals.add(sumLine("total", null, null, currency, lines)));
        return totals;
    }

    private static AmountLine sumLine(String level, String code, String name, String currency, List<AmountLine> parts) {
        BigDecimal[] s = new BigDecimal[8];
        java.util.Arrays.fill(s, Money.ZERO);
        for (AmountLine p : parts) {
            s[0] = s[0].add(p.signedInPeriod());
            s[1] = s[1].add(p.signedCumulative());
            s[2] = s[2].add(p.erpReceivedLocal());
            s[3] = s[3].add(p.erpUnmatchedLocal());
            s[4] = s[4].add(p.erpReceivedToDate());
            s[5] = s[5].add(p.crmReceived());
            s[6] = s[6].add(p.outstanding());
        }
        return line(level, code, name, currency, s[0], s[1], s[2], s[3], s[4], s[5], s[6]);
    }

    private static AmountLine line(String level, String code, String name, String currency, BigDecimal signedInPeriod,
                                   BigDecimal signedCumulative, BigDecimal local, BigDecimal unmatchedLocal, BigDecimal toDate,
                                   BigDecimal crm, BigDecimal outstanding) {
        BigDecimal deviation = crm.subtract(toDate);
        return new AmountLine(level, code, name, null, null, currency, signedInPeriod, signedCumulative, local, unmatchedLocal,
                toDate, crm, outstanding, deviation, Money.percent(deviation, toDate));
    }

    private List<UnmatchedReceipt> unmatchedReceipts(SourceData data) {
        Map<Long, List<Opp>> openByCustomer = openOpportunitiesByCustomer(data);
        Map<String, Long> customerByCode = new HashMap<>();
        data.customers().values().forEach(c -> { if (c.erpCode() != null) customerByCode.put(c.erpCode(), c.id()); });
        List<UnmatchedReceipt> out = new ArrayList<>();
        for (LedgerRow r : data.ledger()) {
            if (!"UNMATCHED".equals(r.state()) && !"DISMISSED".equals(r.state())) continue;
            Long customerId = r.customerCode() == null ? null : customerByCode.get(r.customerCode());
            List<ReconciliationReport.Suggestion> suggestions = "UNMATCHED".equals(r.state()) && !r.invalid() && customerId != null
                    ? suggester.suggest(r, openByCustomer.getOrDefault(customerId, List.of())) : List.of();
            out.add(new UnmatchedReceipt(r.system(), r.documentId(), r.documentNo(), r.date(), r.customerCode(),
                    r.displayCurrency(), r.amount() == null ? null : Money.of(r.amount()),
                    r.localAmount() == null ? null : Money.of(r.localAmount()), r.memo(), r.state(), r.reason(),
                    r.namedOpportunity(), suggestions));
        }
        return out;
    }

    /** Per customer, its opportunities open on the period's last day, with their outstanding amount of that day. */
    private static Map<Long, List<Opp>> openOpportunitiesByCustomer(SourceData data) {
        Map<Long, List<Opp>> open = new HashMap<>();
        for (Opp o : data.opportunities().values()) {
            if (o.customerId() == null || data.noReceiptStages().contains(o.stageAtEnd())) continue;
            open.computeIfAbsent(o.customerId(), k -> new ArrayList<>()).add(o.withOutstanding(PeriodEndFigures.of(o, data).outstanding()));
        }
        return open;
    }
}
