package io.etlhub.console;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each role in Chromium, in Chinese and in English: its home starts its work, its side navigation has
 * only its pages and each link opens its page (titles from the bundles of the language chosen with
 * the navigation's language link); the admin stops, starts and runs a route.
 */
class ConsoleRolesBrowserTest extends ConsoleBrowser {
    /** Each navigation link and the bundle key of the title of the page it opens. */
    static final Map<String, String> PAGE_TITLES = new LinkedHashMap<>();
    static {
        PAGE_TITLES.put("nav-start", "console.home.title");
        PAGE_TITLES.put("nav-customers", "cv.list.title");
        PAGE_TITLES.put("nav-dashboard", "console.dashboard.title");
        PAGE_TITLES.put("nav-routes", "console.routes.title");
        PAGE_TITLES.put("nav-runs", "console.runs.title");
        PAGE_TITLES.put("nav-dead-letters", "console.deadLetters.title");
        PAGE_TITLES.put("nav-audit", "console.audit.title");
        PAGE_TITLES.put("nav-receipts", "console.receipts.title");
        PAGE_TITLES.put("nav-reconciliation", "console.recon.title");
        PAGE_TITLES.put("nav-quality", "console.quality.title");
        PAGE_TITLES.put("nav-lapse", "lapse.title");
        PAGE_TITLES.put("nav-archive", "console.archive.title");
    }
    static final Map<String, String> PASSWORDS = Map.of("admin", ADMIN_PASSWORD, "finance", FINANCE_PASSWORD, "ops", OPS_PASSWORD);

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({"admin, zh_CN", "admin, en", "finance, zh_CN", "finance, en", "ops, zh_CN", "ops, en"})
    void eachRoleSeesItsHomeAndOnlyItsPages(String role, String language) {
        logIn(role, PASSWORDS.get(role));
        browser.findElement(By.id(language.equals("en") ? "lang-en" : "lang-zh")).click();
        waitFor(ExpectedConditions.urlContains("lang="));
        Properties texts = bundle(language);

        assertThat(title()).isEqualTo(texts.getProperty("console.home.title"));
        List<String> sections = browser.findElements(By.cssSelector("[id^=home-]")).stream()
                .map(e -> e.getAttribute("id")).filter(id -> List.of("home-admin", "home-finance", "home-ops").contains(id)).toList();
        List<String> links = navigation().stream().filter(id -> !id.equals("nav-home")).toList();
        switch (role) {
            case "admin" -> {
                // the admin has every role (application.yml): routes and failures first, then finance's and ops's work
                assertThat(sections).containsExactly("home-admin", "home-finance", "home-ops");
                assertThat(links).containsExactlyElementsOf(PAGE_TITLES.keySet());
            }
            case "finance" -> {
                assertThat(sections).containsExactly("home-finance");
                assertThat(links).containsExactly("nav-start", "nav-customers", "nav-receipts", "nav-reconciliation");
                assertThat(browser.findElement(By.id("home-reconciliation")).getAttribute("href")).contains("period=");
            }
            default -> {
                assertThat(sections).containsExactly("home-ops");
                assertThat(links).containsExactly("nav-start", "nav-customers", "nav-quality", "nav-lapse", "nav-archive");
            }
        }
        for (String link : links) {
            browser.findElement(By.id(link)).click();
            waitFor(ExpectedConditions.attributeContains(By.id(link), "class", "active"));
            assertThat(title()).as(link).isEqualTo(texts.getProperty(PAGE_TITLES.get(link)));
            assertThat(browser.getPageSource()).as(link).doesNotContain("??").doesNotContain("Whitelabel");
        }
    }

    @Test
    void theAdminStopsStartsAndRunsARouteAndIsToldOfABadSchedule() {
        logIn("admin", ADMIN_PASSWORD);
        Properties zh = bundle("zh_CN");
        browser.get(url("/console/routes"));
        assertThat(state("receipts-k3")).isEqualTo(zh.getProperty("console.route.state.SCHEDULED"));

        submit(By.id("stop-receipts-k3"));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("receipts-k3");
        assertThat(state("receipts-k3")).isEqualTo(zh.getProperty("console.route.state.STOPPED"));
        assertThat(browser.findElement(By.cssSelector("#route-receipts-k3 .next-run")).getText())
                .isEqualTo(zh.getProperty("console.route.noNextRun"));

        submit(By.id("start-receipts-k3"));
        assertThat(state("receipts-k3")).isEqualTo(zh.getProperty("console.route.state.SCHEDULED"));

        // a bad cron is refused under its field, in Chinese, and the route keeps its schedule
        WebElement schedule = browser.findElement(By.id("schedule-receipts-k3"));
        String before = schedule.getAttribute("value");
        schedule.clear();
        schedule.sendKeys("every day");
        submit(By.cssSelector("#route-receipts-k3 form[action$='/schedule'] button"));
        assertThat(browser.findElement(By.id("schedule-receipts-k3")).getAttribute("class")).contains("is-invalid");
        assertThat(browser.findElement(By.cssSelector("#route-receipts-k3 .invalid-feedback")).getText()).startsWith("调度“every day”无效");
        assertThat(browser.findElement(By.id("schedule-receipts-k3")).getAttribute("value")).isEqualTo(before);

        click(By.id("run-receipts-u8"));
        waitFor(ExpectedConditions.urlMatches(".*/console/runs/\\d+$"));
        WebElement status = browser.findElement(By.cssSelector("#run .badge"));
        assertThat(status.getText()).isEqualTo(zh.getProperty("console.status.SUCCEEDED"));

        // the audit log, filtered by action, shows the stop in Chinese
        browser.get(url("/console/audit"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("action"))).selectByValue("STOP");
        submit(By.id("filter"));
        assertThat(browser.findElements(By.cssSelector("#audit td.audit-action"))).extracting(WebElement::getText)
                .containsExactly(zh.getProperty("console.audit.action.STOP"));
    }

    /** Run now asks reconcile for its period (fin14's form): the run for 2026-10 succeeds, in English. */
    @Test
    void theAdminRunsReconcileForAPeriod() {
        logIn("admin", ADMIN_PASSWORD);
        browser.get(url("/console/routes?lang=en"));
        WebElement period = browser.findElement(By.id("reconcile-period"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = '2026-10'", period);
        click(By.id("run-reconcile"));
        waitFor(ExpectedConditions.urlMatches(".*/console/runs/\\d+$"));
        assertThat(browser.findElement(By.cssSelector("#run .badge")).getText()).isEqualTo(bundle("en").getProperty("console.status.SUCCEEDED"));
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM route_run WHERE route_id = 'reconcile' AND status = 'SUCCEEDED'",
                Integer.class)).isEqualTo(1);
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class)).isZero();
    }

    private String state(String route) {
        return browser.findElement(By.cssSelector("#route-" + route + " .route-state .badge")).getText();
    }

    /** The console's texts and those of the pages other issues added to it (lapse). */
    static Properties bundle(String language) {
        Properties texts = MessageBundlesTest.load("i18n/console_" + language + ".properties");
        texts.putAll(MessageBundlesTest.load("i18n/lapse_" + language + ".properties"));
        texts.putAll(MessageBundlesTest.load("i18n/customerview_" + language + ".properties"));
        return texts;
    }
}
