package io.etlhub.console;

import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.DemoData;
import io.etlhub.demo.K3ReceiptWriter;
import io.etlhub.demo.U8ReceiptWriter;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.Trigger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Saves the main pages of each role, in Chinese, as docs/screenshots/{role}-{page}.png, on the demo's
 * data after a receipt sync, a data-health report and a failed run. Only when asked:
 * {@code mvn -B test -Dtest=ConsoleScreenshotsTest -Dscreenshots=true} (docs/console.md).
 */
class ConsoleScreenshotsTest extends ConsoleBrowser {
    static final Map<String, List<String>> PAGES = Map.of(
            "admin", List.of("home:/console/home", "dashboard:/console", "routes:/console/routes/check", "runs:/console/runs",
                    "dead-letters:/console/dead-letters", "audit:/console/audit", "run:/console/runs/LAST", "not-found:/console/runs/999999",
                    "lapse:/console/lapse"),
            "finance", List.of("home:/console/home", "receipts:/console/receipts", "reconciliation:/console/reconciliation?period=2026-10",
                    "refused:/console/routes", "customers:/console/customers", "customer:/console/customers/C00001"),
            "ops", List.of("home:/console/home", "quality:/console/quality", "archive:/console/archive"));

    @Autowired
    RouteRunner runner;

    @Test
    void savesEachRolesMainPagesInChinese() throws IOException {
        assumeTrue(screenshotsWanted(), "screenshots only with -Dscreenshots=true");
        new DemoData(14, 60).writeTo(new CrmWriter(crmDb()), new U8ReceiptWriter(u8Db()), new K3ReceiptWriter(k3Db()));
        runner.run("receipts-u8", Trigger.MANUAL, "admin", Map.of());
        runner.run("receipts-k3", Trigger.MANUAL, "admin", Map.of());
        runner.run("health-report", Trigger.MANUAL, "ops", Map.of("month", "2026-10"));
        runner.run("reconcile", Trigger.MANUAL, "admin", Map.of());
        long lastRun = hub.queryForObject("SELECT MAX(id) FROM route_run", Long.class);

        int saved = 0;
        for (String role : List.of("admin", "finance", "ops")) {
            logIn(role, ConsoleRolesBrowserTest.PASSWORDS.get(role));
            for (String page : PAGES.get(role)) {
                String[] nameAndPath = page.split(":", 2);
                browser.get(url(nameAndPath[1].replace("LAST", String.valueOf(lastRun))));
                screenshot(role + "-" + nameAndPath[0]);
                saved++;
            }
            browser.manage().deleteAllCookies();
        }
        assertThat(SCREENSHOTS.toFile().list((dir, name) -> name.endsWith(".png"))).hasSizeGreaterThanOrEqualTo(saved);
    }
}
