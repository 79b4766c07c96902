package io.etlhub.console;

import io.etlhub.crm.CrmCustomers;
import io.etlhub.crm.CrmOpportunities;
import io.etlhub.receipts.LedgerEntry;
import io.etlhub.receipts.ReceiptLedger;
import io.etlhub.receipts.UnmatchedReceipts;
import io.etlhub.reconciliation.Period;
import io.etlhub.reconciliation.Reason;
import io.etlhub.reconciliation.ReconciliationReport;
import io.etlhub.reconciliation.ReconciliationReport.Difference;
import io.etlhub.reconciliation.ReconciliationService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Finance's reconciliation, drilled down on pages of their own: the period's summary with its customers paged,
 * one customer's opportunities and differences, every difference with filters (routine ones hidden unless asked),
 * and an opportunity with its receipts and their ledger history.
 */
@Controller
class FinancePagesController {
    private final ReconciliationService reconciliation;
    private final ReceiptLedger ledger;
    private final UnmatchedReceipts queue;
    private final CrmOpportunities opportunities;
    private final CrmCustomers customers;
    private final Clock clock;

    FinancePagesController(ReconciliationService reconciliation, ReceiptLedger ledger, UnmatchedReceipts queue,
                           CrmOpportunities opportunities, CrmCustomers customers, Clock clock) {
        this.reconciliation = reconciliation;
        this.ledger = ledger;
        this.queue = queue;
        this.opportunities = opportunities;
        this.customers = customers;
        this.clock = clock;
    }

    /** The period's control total and levels; the customers paged, each with its differences worth a look. */
    @GetMapping("/console/reconciliation")
    String summary(@RequestParam(required = false) String period, ListPage.Request paging, Model model) {
        ReconciliationReport report = report(period, model);
        Map<String, Long> notable = new java.util.HashMap<>();
        report.differences().stream().filter(d -> !d.routine() && d.customerCode() != null)
                .forEach(d -> notable.merge(d.customerCode(), 1L, Long::sum));
        model.addAttribute("notable", notable);
        model.addAttribute("notableTotal", report.differences().stream().filter(d -> !d.routine()).count());
        model.addAttribute("customers", ListPage.of(report.customers(), paging,
                l -> l.customerCode() + " " + (l.customerName() == null ? "" : l.customerName()),
                l -> true, Map.of("period", model.getAttribute("period").toString())));
        return "console/reconciliation";
    }

    /** One customer: its opportunities as at the period end and its differences. */
    @GetMapping("/console/reconciliation/customer")
    String customer(@RequestParam(required = false) String period, @RequestParam String customer,
                    @RequestParam(required = false) String reason, @RequestParam(defaultValue = "false") boolean all,
                    ListPage.Request paging, Model model) {
        ReconciliationReport report = report(period, model);
        String code = customer.trim();
        model.addAttribute("customer", code);
        model.addAttribute("customerName", customers.namesByCode(List.of(code)).get(code));
        model.addAttribute("lines", report.opportunities().stream().filter(l -> code.equals(l.customerCode())).toList());
        differences(report, reason(reason), code, all, paging, model);
        return "console/reconciliation-customer";
    }

    /** Every difference of the period, filtered by reason and customer; partial payments and zero rounding on request. */
    @GetMapping("/console/reconciliation/differences")
    String differences(@RequestParam(required = false) String period, @RequestParam(required = false) String reason,
                       @RequestParam(required = false) String customer, @RequestParam(defaultValue = "false") boolean all,
                       ListPage.Request paging, Model model) {
        ReconciliationReport report = report(period, model);
        differences(report, reason(reason), customer == null || customer.isBlank() ? null : customer.trim(), all, paging, model);
        model.addAttribute("customer", customer == null ? "" : customer.trim());
        return "console/reconciliation-differences";
    }

    /**
     * An opportunity: the CRM's receipt fields, the receipts applied to it (each with the ledger's history, marked
     * when it is another customer's), and, with a period, its differences in that period.
     */
    @GetMapping("/console/opportunities/{number}")
    String opportunity(@PathVariable String number, @RequestParam(required = false) String period, Model model) {
        String no = number.trim().toUpperCase(Locale.ROOT);
        Map<String, Object> opp = opportunities.receiptView(no);
        if (opp.isEmpty()) throw RequestRefused.notFound("console.error.noOpportunity", no);
        CrmCustomers.Customer owner = customers.ofOpportunity(no);
        List<LedgerEntry> receipts = queue.shown(ledger.forOpportunity(((Number) opp.get("id")).longValue()));
        Map<String, List<HistoryLine>> history = new LinkedHashMap<>();
        receipts.forEach(r -> history.put(r.system() + "/" + r.documentId(),
                ledger.events(r.system(), r.documentId()).stream().map(HistoryLine::of).toList()));
        model.addAttribute("number", no);
        model.addAttribute("opp", opp);
        model.addAttribute("owner", owner);
        model.addAttribute("receipts", receipts);
        model.addAttribute("history", history);
        model.addAttribute("customerNames", customers.namesByCode(receipts.stream().map(LedgerEntry::customerCode).toList()));
        if (period != null && !period.isBlank()) {
            ReconciliationReport report = report(period, model);
            model.addAttribute("differences", report.differences().stream()
                    .filter(d -> no.equals(d.opportunityNo())).toList());
        }
        return "console/opportunity";
    }

    /** One receipt_event of a receipt, as the opportunity page lists it (the time as a LocalDateTime on every database). */
    record HistoryLine(java.time.LocalDateTime at, String action, java.math.BigDecimal amountDelta, String actor, String reason, String note) {
        static HistoryLine of(Map<String, Object> event) {
            Object at = event.get("created_at");
            return new HistoryLine(at instanceof java.sql.Timestamp t ? t.toLocalDateTime() : (java.time.LocalDateTime) at,
                    (String) event.get("action"), (java.math.BigDecimal) event.get("amount_delta"), (String) event.get("actor"),
                    (String) event.get("reason"), (String) event.get("note"));
        }
    }

    private void differences(ReconciliationReport report, Reason reason, String customer, boolean all,
                             ListPage.Request paging, Model model) {
        Predicate<Difference> shown = d -> (all || !d.routine()) && (reason == null || d.reason() == reason)
                && (customer == null || customer.equals(d.customerCode()));
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("period", model.getAttribute("period").toString());
        if (customer != null) filters.put("customer", customer);
        filters.put("reason", reason == null ? null : reason.name());
        filters.put("all", all ? "true" : null);
        model.addAttribute("differences", ListPage.of(report.differences(), paging,
                d -> String.join(" ", nz(d.documentNo()), nz(d.opportunityNo()), nz(d.customerCode())), shown, filters));
        model.addAttribute("hiddenRoutine", all ? 0 : report.differences().stream()
                .filter(d -> d.routine() && (customer == null || customer.equals(d.customerCode()))).count());
        model.addAttribute("reasons", Arrays.stream(Reason.values()).map(Enum::name).toList());
        model.addAttribute("reason", reason == null ? "" : reason.name());
        model.addAttribute("all", all);
    }

    /** The report of the requested month (default: last month); a month that is not one is a 400 with a message. */
    private ReconciliationReport report(String period, Model model) {
        String month = period == null || period.isBlank() ? YearMonth.now(clock).minusMonths(1).toString() : period.trim();
        try {
            YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw RequestRefused.badInput("reconciliation.param.badPeriod", month);
        }
        model.addAttribute("period", month);
        ReconciliationReport report = reconciliation.report(Period.of(month, null, null));
        model.addAttribute("report", report);
        return report;
    }

    private static Reason reason(String name) {
        if (name == null || name.isBlank()) return null;
        try {
            return Reason.valueOf(name.trim());
        } catch (IllegalArgumentException e) {
            throw RequestRefused.badInput("console.error.badParameter", "reason", name);
        }
    }

    private static String nz(String s) { return s == null ? "" : s; }
}
