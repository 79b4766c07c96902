package io.etlhub.console;

import io.etlhub.quality.HealthReport;
import io.etlhub.quality.HealthReports;
import io.etlhub.pipeline.RouteAdmin;
import io.etlhub.pipeline.RunSummary;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import java.security.Principal;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/**
 * The pages of ops: data-health reports and the archive upload (finance's are in {@link FinancePagesController}).
 * They show what the features' services compute; the workbooks come from the features' own download endpoints.
 */
@Controller
class OpsPagesController {
    private final HealthReports healthReports;
    private final RouteAdmin routes;
    private final org.springframework.context.MessageSource messages;
    private final io.etlhub.pipeline.ErrorTexts errorTexts;

    OpsPagesController(HealthReports healthReports, RouteAdmin routes,
                              org.springframework.context.MessageSource messages, io.etlhub.pipeline.ErrorTexts errorTexts) {
        this.errorTexts = errorTexts;
        this.messages = messages;
        this.healthReports = healthReports;
        this.routes = routes;
    }

    /**
     * The reports, and one report: its metrics (a chart per unit, so percentages and day counts are not drawn on one
     * axis) and the findings of one rule at a time, paged.
     */
    @GetMapping("/console/quality")
    String quality(@RequestParam(required = false) Long report, @RequestParam(required = false) String rule,
                   ListPage.Request paging, Model model) {
        List<HealthReport.Summary> reports = healthReports.list(36);
        model.addAttribute("reports", reports);
        Long shown = report != null ? report : reports.isEmpty() ? null : reports.get(0).id();
        if (shown == null) return "console/quality";
        HealthReport r;
        try {
            r = healthReports.get(shown);
        } catch (HealthReports.NoSuchReportException e) {
            throw RequestRefused.notFound(e.key(), e.getArguments());
        }
        model.addAttribute("report", r);
        Map<String, List<HealthReport.MetricLine>> byUnit = new java.util.LinkedHashMap<>();
        r.metrics().stream().filter(m -> m.notConfigured() == null && m.value() != null)
                .forEach(m -> byUnit.computeIfAbsent(m.unit() == null ? "count" : m.unit(), k -> new java.util.ArrayList<>()).add(m));
        model.addAttribute("metricsByUnit", byUnit);
        String chosen = rule != null && r.findings().containsKey(rule) ? rule
                : r.findings().entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).findFirst().orElse(null);
        model.addAttribute("rule", chosen);
        if (chosen != null) {
            Map<String, String> filters = new java.util.LinkedHashMap<>();
            filters.put("report", String.valueOf(shown));
            filters.put("rule", chosen);
            model.addAttribute("findings", ListPage.of(r.findings().get(chosen), paging,
                    f -> String.join(" ", String.valueOf(f.recordNo()), String.valueOf(f.owner())), f -> true, filters));
        }
        return "console/quality";
    }

    @PostMapping("/console/quality/run")
    String runHealthReport(@RequestParam String month, Principal user, RedirectAttributes flash) {
        // checked like any run now: a month that is not one is a 400 with the bundle's sentence, not a failed run
        RunSummary run = routes.runNow("health-report", user.getName(), Map.of("month", month));
        // the stored error may carry SQL or server paths: ops read a sentence naming the run, admins the cause too
        if (!run.succeeded()) flash.addFlashAttribute("error", errorTexts.runFailure(run, org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        return "redirect:/console/quality";
    }

    /** The upload page; the phase and state names its script shows come from the bundles. */
    @GetMapping("/console/archive")
    String archive(Model model, java.util.Locale locale) {
        model.addAttribute("archivePhases", texts("console.archive.phase.", ARCHIVE_PHASES, locale));
        model.addAttribute("archiveStates", texts("console.archive.state.", ARCHIVE_STATES, locale));
        return "console/archive";
    }

    private static final List<String> ARCHIVE_PHASES = java.util.Arrays.stream(io.etlhub.archive.ImportProgress.Phase.values())
            .map(Enum::name).toList();
    private static final List<String> ARCHIVE_STATES = List.of("RUNNING", "SUCCEEDED", "FAILED", "ALREADY_IMPORTED");

    private Map<String, String> texts(String prefix, List<String> names, java.util.Locale locale) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        names.forEach(n -> out.put(n, messages.getMessage(prefix + n, null, n, locale)));
        return out;
    }
}
