package io.etlhub.console;

import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in headless Debian Chromium (.ci/run installs chromium and chromium-driver; without them
 * the browser tests are skipped): one browser per test, logged in through the login form.
 */
abstract class ConsoleBrowser extends HubIntegrationTest {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Where -Dscreenshots=true saves the pages (docs/console.md). */
    static final Path SCREENSHOTS = Path.of("docs", "screenshots");

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
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1440,1000",
                "--lang=zh-CN", "--user-data-dir=" + profile);
        // the browser's console (CSP violations are reported there), read by policyViolations()
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
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

    void logIn(String user, String password) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
        waitFor(ExpectedConditions.urlMatches(".*/console/home$"));
    }

    /** Clicks an element after scrolling it into view (wide tables put buttons out of the window). */
    WebElement click(By target) {
        WebElement element = browser.findElement(target);
        // the routes table is wider and taller than the window: the browser's own click, from script
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()", element);
        return element;
    }

    /** Clicks a button that submits a form and waits for the next page. */
    void submit(By button) {
        WebElement element = click(button);
        waitFor(ExpectedConditions.stalenessOf(element));
    }

    /** What the browser's console reported about the Content-Security-Policy since the last call ("... violates the following Content Security Policy directive ..."). */
    List<String> policyViolations() {
        return browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to")).toList();
    }

    String title() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    List<String> navigation() {
        return browser.findElements(By.cssSelector("#nav a.nav-link")).stream().map(e -> e.getAttribute("id")).toList();
    }

    void waitFor(ExpectedCondition<?> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(condition);
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    static boolean screenshotsWanted() {
        return Boolean.getBoolean("screenshots");
    }

    /** The whole page as docs/screenshots/{name}.png (Chrome's capture beyond the window). */
    void screenshot(String name) throws IOException {
        Map<String, Object> metrics = ((ChromeDriver) browser).executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", ((Number) size.get("width")).doubleValue(),
                "height", Math.min(((Number) size.get("height")).doubleValue(), 6000), "scale", 1);
        Map<String, Object> shot = ((ChromeDriver) browser).executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }
}
