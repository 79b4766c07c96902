package io.etlhub.console;

import io.etlhub.pipeline.AuditLog;
import io.etlhub.pipeline.ConfigurationCheck;
import io.etlhub.pipeline.DeadLetters;
import io.etlhub.pipeline.RouteAdmin;
import io.etlhub.pipeline.RouteCatalog;
import io.etlhub.pipeline.RunHistory;
import io.etlhub.pipeline.RunStatistics;
import io.etlhub.pipeline.RunSummary;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.springframework.format.annotation.DateTimeFormat;

import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The admin pages: dashboard, routes, runs (with drill-down), dead letters, audit log. */
@Controller
class ConsoleController {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConsoleController.class);
    static final List<String> RUN_STATUSES = List.of("SUCCEEDED", "FAILED", "RUNNING");
    static final List<String> DEAD_LETTER_STATES = List.of("NEW", "REPLAYING", "REPLAYED", "ALL");
    private final RouteAdmin admin;
    private final RouteCatalog catalog;
    private final RunHistory history;
    private final RunStatistics statistics;
    private final DeadLetters deadLetters;
    private final AuditLog audit;
    private final MessageSource messages;
    private final ConfigurationCheck check;
    private final java.time.Clock clock;
    private final io.etlhub.pipeline.ErrorTexts errorTexts;

    ConsoleController(RouteAdmin admin, RouteCatalog catalog, RunHistory history, RunStatistics statistics,
                      DeadLetters deadLetters, AuditLog audit, MessageSource messages, ConfigurationCheck check,
                      java.time.Clock clock, io.etlhub.pipeline.ErrorTexts errorTexts) {
        this.errorTexts = errorTexts;
        this.check = check;
        this.clock = clock;
        this.admin = admin;
        this.catalog = catalog;
        this.history = history;
        this.statistics = statistics;
        this.deadLetters = deadLetters;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/")
    String root() { return "redirect:/console/home"; }

    @GetMapping("/login")
    String login() { return "console/login"; }

    @GetMapping("/console")
    String dashboard(Model model, java.util.Locale locale) {
        model.addAttribute("routes", admin.list());
        model.addAttribute("runsPerDay", statistics.runsPerDay(14));
        List<RunStatistics.RouteTotals> totals = statistics.totalsPerRoute(14);
        model.addAttribute("totals", totals);
        // Each kind names its own counters: their labels, where the bundle has one.
        Map<String, String> countLabels = new java.util.TreeMap<>();
        totals.forEach(t -> t.counts().keySet().forEach(name ->
                countLabels.put(name, messages.getMessage("console.count." + name, null, name, locale))));
        model.addAttribute("countLabels", countLabels);
        model.addAttribute("newDeadLetters", deadLetters.countNew());
        model.addAttribute("problems", catalog.problems());
        return "console/dashboard";
    }

    @GetMapping("/console/routes")
    String routes(Model model) {
        model.addAttribute("routes", admin.list());
        model.addAttribute("problems", catalog.problems());
        // the run-now form's month fields start at the last closed month
        model.addAttribute("previousMonth", java.time.YearMonth.now(clock).minusMonths(1).toString());
        return "console/routes";
    }

    /** The routes page with the results of `run check` (GET /api/check) below its buttons. */
    @GetMapping("/console/routes/check")
    String routesChecked(Model model, java.util.Locale locale) {
        ConfigurationCheck.Report report = check.run();
        model.addAttribute("check", check.shown(report, locale));
        model.addAttribute("checkByRoute", check.shownByRoute(report, locale));
        return routes(model);
    }

    @PostMapping("/console/routes/reload")
    String reload(Principal user, RedirectAttributes flash) {
        RouteCatalog.ReloadResult result = admin.reload(user.getName());
        flash.addFlashAttribute("notice", text("console.notice.reloaded", result.routes().size(), result.rejected().size()));
        return "redirect:/console/routes";
    }

    @PostMapping("/console/routes/{id}/start")
    String start(@PathVariable String id, Principal user, RedirectAttributes flash) {
        return act(flash, () -> {
            RouteAdmin.RouteStatus started = admin.start(id, user.getName());
            // its source is down: the start is accepted and Camel retries it with back-off
            return !RouteAdmin.RouteStatus.RESTARTING.equals(started.state()) ? text("console.notice.started", id)
                    : text("console.notice.startWaiting", id, started.startProblem() == null ? "-" : started.startProblem());
        });
    }

    @PostMapping("/console/routes/{id}/stop")
    String stop(@PathVariable String id, Principal user, RedirectAttributes flash) {
        return act(flash, () -> {
            admin.stop(id, user.getName());
            return text("console.notice.stopped", id);
        });
    }

    @PostMapping("/console/routes/{id}/schedule")
    String schedule(@PathVariable String id, @RequestParam String schedule, Principal user, RedirectAttributes flash) {
        try {
            admin.changeSchedule(id, schedule, user.getName());
            flash.addFlashAttribute("notice", text("console.notice.scheduled", id));
        } catch (RuntimeException e) {
            // shown under the route's schedule field, and at the top of the page
            flash.addFlashAttribute("scheduleRoute", id);
            flash.addFlashAttribute("scheduleError", text("console.route.badSchedule", schedule, failed(e)));
        }
        return "redirect:/console/routes";
    }

    /** Run now with the parameters the route's kind asks for (its form fields); a refused value is a 400 page. */
    @PostMapping("/console/routes/{id}/run")
    String run(@PathVariable String id, @RequestParam Map<String, String> form, Principal user) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        admin.status(id).parameters().forEach(p -> { if (form.containsKey(p.name())) parameters.put(p.name(), form.get(p.name())); });
        RunSummary summary = admin.runNow(id, user.getName(), parameters);
        return "redirect:/console/runs/" + summary.runId();
    }

    /** A route action from the routes page: its notice, or why it failed, shown there. */
    private String act(RedirectAttributes flash, java.util.function.Supplier<String> actionAndNotice) {
        try {
            flash.addFlashAttribute("notice", actionAndNotice.get());
        } catch (RuntimeException e) {
            flash.addFlashAttribute("error", failed(e));
        }
        return "redirect:/console/routes";
    }

    @GetMapping("/console/runs")
    String runs(@RequestParam(required = false) String route, @RequestParam(required = false) String status,
                @ModelAttribute("paging") ListPage.Request paging, Model model) {
        String routeId = route == null || route.isBlank() ? null : route.trim();
        String wanted = status == null || status.isBlank() ? null : status.trim();
        model.addAttribute("page", ListPage.of(history.recent(routeId, 1000), paging,
                r -> r.runId() + " " + r.route() + " " + (r.error() == null ? "" : r.error()),
                r -> wanted == null || wanted.equals(r.status()), filters("route", routeId, "status", wanted)));
        model.addAttribute("routeIds", catalog.all().stream().map(io.etlhub.pipeline.RouteDefinition::id).sorted().toList());
        model.addAttribute("statuses", RUN_STATUSES);
        return "console/runs";
    }

    @GetMapping("/console/runs/{runId}")
    String run(@PathVariable long runId, Model model) {
        RunSummary run = history.find(runId);
        if (run == null) throw RequestRefused.notFound("console.error.noRun", String.valueOf(runId));
        model.addAttribute("run", run);
        model.addAttribute("deadLetters", deadLetters.list(null, runId, 1000));
        return "console/run";
    }

    @GetMapping("/console/dead-letters")
    String deadLetters(@RequestParam(defaultValue = "NEW") String state, @ModelAttribute("paging") ListPage.Request paging, Model model) {
        if (!DEAD_LETTER_STATES.contains(state)) throw RequestRefused.badInput("console.error.badChoice", "state", state);
        model.addAttribute("page", ListPage.of(deadLetters.list("ALL".equals(state) ? null : state, null, 1000), paging,
                l -> l.id() + " " + l.routeId() + " " + l.runId() + " " + l.recordKey() + " " + l.error(),
                l -> true, filters("state", state)));
        model.addAttribute("state", state);
        model.addAttribute("states", DEAD_LETTER_STATES);
        return "console/dead-letters";
    }

    @PostMapping("/console/dead-letters/{id}/replay")
    String replay(@PathVariable long id, Principal user, RedirectAttributes flash) {
        try {
            RunSummary summary = admin.replay(id, user.getName());
            flash.addFlashAttribute(summary.succeeded() ? "notice" : "error", text("console.notice.replayed", id, summary.status()));
        } catch (RuntimeException e) {
            flash.addFlashAttribute("error", failed(e));
        }
        return "redirect:/console/dead-letters";
    }

    /** The audit log filtered by user, action and dates, paged in the database. */
    @GetMapping("/console/audit")
    String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                 @ModelAttribute("paging") ListPage.Request paging, Model model) {
        if (from != null && to != null && to.isBefore(from)) throw RequestRefused.badInput("console.error.datesReversed", from, to);
        AuditLog.Filter filter = new AuditLog.Filter(actor, action, from, to);
        model.addAttribute("page", ListPage.sliced(audit.count(filter), paging,
                filters("actor", actor, "action", action, "from", from == null ? null : from.toString(), "to", to == null ? null : to.toString()),
                (offset, limit) -> audit.find(filter, offset, limit)));
        model.addAttribute("actions", audit.actions());
        return "console/audit";
    }

    private static Map<String, String> filters(String... namesAndValues) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) m.put(namesAndValues[i], namesAndValues[i + 1]);
        return m;
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    /**
     * A failed action in the reader's language: a refusal's own sentence; a route file that cannot be used names the
     * file and line, followed by the problem (for admins, which these pages are for); another failure a general
     * sentence and its cause, logged.
     */
    private String failed(RuntimeException e) {
        java.util.Locale locale = LocaleContextHolder.getLocale();
        if (!(e instanceof io.etlhub.pipeline.KeyedFailure)) log.warn("console action failed", e);
        return errorTexts.explain(e, locale).withDetail(messages, locale);
    }
}
