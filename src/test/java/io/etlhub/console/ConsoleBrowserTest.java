package io.etlhub.console;

import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The console in headless Debian chromium: admin runs a route and sees the run; finance is refused the routes page. */
class ConsoleBrowserTest extends HubIntegrationTest {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @LocalServerPort
    int port;
    WebDriver browser;
    Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        assumeTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "browser test skipped: no Chromium here (apt-get install chromium chromium-driver; .ci/run does it)");
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1600,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) browser.quit();
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void adminRunsARouteAndSeesItsRun() {
        logIn("admin", ADMIN_PASSWORD);
        browser.get(url("/console/routes?lang=en"));
        WebElement routes = browser.findElement(By.id("routes"));
        assertThat(routes.getText()).contains("receipts-u8", "receipts-k3");

        browser.findElement(By.id("run-receipts-u8")).click();
        // the run finishes before the answer redirects to its page; wait for that page rather than the click
        waitFor(ExpectedConditions.urlMatches(".*/console/runs/\\d+$"));
        assertThat(browser.findElement(By.id("run")).getText()).contains("receipts-u8");

        browser.get(url("/console/runs"));
        List<String> runRoutes = browser.findElements(By.cssSelector("#runs td.run-route")).stream().map(WebElement::getText).toList();
        assertThat(runRoutes).containsExactly("receipts-u8");
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM route_run WHERE route_id = 'receipts-u8' AND triggered_by = 'admin'",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void financeIsRefusedTheRoutesPage() {
        logIn("finance", FINANCE_PASSWORD);
        browser.get(url("/console/routes"));
        assertThat(browser.findElements(By.id("routes"))).isEmpty();
        assertThat(browser.getPageSource()).contains("403");

        browser.get(url("/console/receipts"));
        assertThat(browser.findElements(By.tagName("h1"))).extracting(WebElement::getText).containsExactly("未匹配收款");
    }

    private void logIn(String user, String password) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
        waitFor(ExpectedConditions.urlMatches(".*/console/home$"));
    }

    private void waitFor(ExpectedCondition<?> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(condition);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
