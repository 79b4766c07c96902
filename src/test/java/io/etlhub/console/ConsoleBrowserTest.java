package io.etlhub.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The console in headless Debian chromium: admin runs a route and sees the run; finance is refused the routes page. */
class ConsoleBrowserTest extends ConsoleBrowser {
    @Test
    void adminRunsARouteAndSeesItsRun() {
        logIn("admin", ADMIN_PASSWORD);
        browser.get(url("/console/routes?lang=en"));
        WebElement routes = browser.findElement(By.id("routes"));
        assertThat(routes.getText()).contains("receipts-u8", "receipts-k3");

        click(By.id("run-receipts-u8"));
        // the run finishes before the answer redirects to its page; wait for that page rather than the click
        waitFor(ExpectedConditions.urlMatches(".*/console/runs/\\d+$"));
        assertThat(browser.findElement(By.id("run")).getText()).contains("receipts-u8");

        browser.get(url("/console/runs"));
        List<String> runRoutes = browser.findElements(By.cssSelector("#runs td.run-route")).stream().map(WebElement::getText).toList();
        assertThat(runRoutes).containsExactly("receipts-u8");
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM route_run WHERE route_id = 'receipts-u8' AND triggered_by = 'admin'",
                Integer.class)).isEqualTo(1);
    }

    /**
     * The pages run under a policy without 'unsafe-inline': the dashboard's and data health's charts are drawn from the
     * static scripts (a canvas each) and the browser reports no refused script or style on them or the archive page.
     */
    @Test
    void theChartsAreDrawnWithoutInlineScriptsOrStyles() {
        assertThat(routes.runNow("receipts-u8", "admin", java.util.Map.of()).succeeded()).isTrue();
        assertThat(routes.runNow("health-report", "admin", java.util.Map.of("month", "2026-10")).succeeded()).isTrue();
        logIn("admin", ADMIN_PASSWORD);

        browser.get(url("/console"));
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-runs canvas")));
        assertThat(browser.findElements(By.cssSelector("#dashboard-charts canvas"))).hasSize(3);
        browser.get(url("/console/quality"));
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".metric-chart canvas")));
        assertThat(browser.findElement(By.cssSelector(".metric-chart")).getSize().getHeight()).isGreaterThan(60);
        browser.get(url("/console/archive"));
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#archive-history")));

        assertThat(policyViolations()).isEmpty();

        // the control: an inline script added to the page is refused, and the refusal is what policyViolations() reads
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        js.executeScript("var s = document.createElement('script'); s.textContent = 'window.inlineRan = true;'; document.body.appendChild(s);");
        assertThat(js.executeScript("return window.inlineRan === true;")).isEqualTo(false);
        assertThat(policyViolations()).anySatisfy(m -> assertThat(m).contains("inline script").contains("Content Security Policy"));
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.etlhub.pipeline.RouteAdmin routes;

    @Test
    void financeIsRefusedTheRoutesPage() {
        logIn("finance", FINANCE_PASSWORD);
        browser.get(url("/console/routes"));
        assertThat(browser.findElements(By.id("routes"))).isEmpty();
        assertThat(browser.getPageSource()).contains("403");

        browser.get(url("/console/receipts"));
        assertThat(browser.findElements(By.tagName("h1"))).extracting(WebElement::getText).containsExactly("未匹配收款");
    }
}
