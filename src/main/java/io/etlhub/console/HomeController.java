package io.etlhub.console;

import io.etlhub.pipeline.DeadLetters;
import io.etlhub.pipeline.RouteAdmin;
import io.etlhub.pipeline.RunHistory;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.quality.HealthReports;
import io.etlhub.receipts.UnmatchedReceipts;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.time.Clock;
import java.time.YearMonth;

/**
 * The home page starts each role's work: finance its unmatched receipts and this month's
 * reconciliation, ops the latest data-health report and the archive import, the admin the routes
 * and what failed. A user with several roles sees each part.
 */
@Controller
class HomeController {
    private final RouteAdmin routes;
    private final RunHistory history;
    private final DeadLetters deadLetters;
    private final UnmatchedReceipts receipts;
    private final HealthReports healthReports;
    private final Clock clock;

    HomeController(RouteAdmin routes, RunHistory history, DeadLetters deadLetters, UnmatchedReceipts receipts,
                   HealthReports healthReports, Clock clock) {
        this.routes = routes;
        this.history = history;
        this.deadLetters = deadLetters;
        this.receipts = receipts;
        this.healthReports = healthReports;
        this.clock = clock;
    }

    @GetMapping("/console/home")
    String home(HttpServletRequest request, Model model) {
        boolean admin = request.isUserInRole("ADMIN");
        if (admin) {
            var all = routes.list();
            model.addAttribute("routeCount", all.size());
            model.addAttribute("stoppedRoutes", all.stream().filter(r -> !r.enabled()).count());
            model.addAttribute("failedRuns", history.recent(null, 100).stream().filter(HomeController::failed).limit(5).toList());
            model.addAttribute("newDeadLetters", deadLetters.countNew());
        }
        if (admin || request.isUserInRole("FINANCE")) {
            model.addAttribute("unmatchedReceipts", receipts.list(false, 1000).size());
            model.addAttribute("thisMonth", YearMonth.now(clock).toString());
        }
        if (admin || request.isUserInRole("OPS")) {
            model.addAttribute("healthReports", healthReports.list(3));
        }
        return "console/home";
    }

    /** Whether a run ended without success (a running run is not a failure yet). */
    static boolean failed(RunSummary run) {
        return !run.succeeded() && run.endedAt() != null;
    }
}
