package io.etlhub.console;

import io.etlhub.quality.HealthReport;
import io.etlhub.quality.HealthReports;
import io.etlhub.reconciliation.Period;
import io.etlhub.reconciliation.ReconciliationReport;
import io.etlhub.reconciliation.ReconciliationService;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import java.security.Principal;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.YearMonth;
import java.time.Clock;
import java.util.List;

/**
 * The pages of finance (reconciliation by period, drilled down from total to customer to
 * opportunity) and of ops (data-health reports, archive upload). They show what the features'
 * services compute; the workbooks come from the features' own download endpoints.
 */
@Controller
class FinanceOpsPagesController {
    private final ReconciliationService reconciliation;
    private final HealthReports healthReports;
    private final RouteRunner runner;
    private final Clock clock;

    FinanceOpsPagesController(ReconciliationService reconciliation, HealthReports healthReports, RouteRunner runner, Clock clock) {
        this.reconciliation = reconciliation;
        this.healthReports = healthReports;
        this.runner = runner;
        this.clock = clock;
    }

    @GetMapping("/console/reconciliation")
    String reconciliation(@RequestParam(required = false) String period, @RequestParam(required = false) String customer,
                          Model model) {
        String month = period == null || period.isBlank()
                ? YearMonth.now(clock).minusMonths(1).toString() : period.trim();
        ReconciliationReport report = reconciliation.report(Period.of(month, null, null));
        model.addAttribute("period", month);
        model.addAttribute("customer", customer);
        model.addAttribute("report", report);
        model.addAttribute("opportunities", customer == null ? List.of()
                : report.opportunities().stream().filter(l -> customer.equals(l.customerCode())).toList());
        model.addAttribute("differences", report.differences().stream()
                .filter(d -> customer == null || customer.equals(d.customerCode())).limit(500).toList());
        return "console/reconciliation";
    }

    @GetMapping("/console/quality")
    String quality(@RequestParam(required = false) Long report, Model model) {
        List<HealthReport.Summary> reports = healthReports.list(36);
        model.addAttribute("reports", reports);
        Long shown = report != null ? report : reports.isEmpty() ? null : reports.get(0).id();
        if (shown != null) model.addAttribute("report", healthReports.get(shown));
        return "console/quality";
    }

    @PostMapping("/console/quality/run")
    String runHealthReport(@RequestParam String month, Principal user, RedirectAttributes flash) {
        RunSummary run = runner.run("health-report", Trigger.MANUAL, user.getName(), Map.of("month", month));
        if (!run.succeeded()) flash.addFlashAttribute("error", run.error());
        return "redirect:/console/quality";
    }

    @GetMapping("/console/archive")
    String archive() {
        return "console/archive";
    }
}
