package io.etlhub.console;

import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.U8ReceiptWriter;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.Trigger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finance's and ops's tasks in Chromium, in Chinese and English: finance finds why an opportunity differs (summary →
 * customer → opportunity), assigns an unmatched receipt to the suggested opportunity picked from the list, and
 * downloads the workbook; ops uploads an archive, watches the bar rise through the named phases to 100 % and gets the
 * counts, the report and the refreshed history.
 */
class FinanceOpsBrowserTest extends ConsoleBrowser {
    @Autowired
    RouteRunner runner;

    @ParameterizedTest(name = "finance in {0}")
    @ValueSource(strings = {"zh_CN", "en"})
    void financeFindsWhyAnOpportunityDiffersAssignsASuggestedOpportunityAndDownloadsTheWorkbook(String language) {
        receipts();
        Properties texts = ConsoleRolesBrowserTest.bundle(language);
        Properties reasons = MessageBundlesTest.load("i18n/reconciliation_" + language + ".properties");
        logIn("finance", FINANCE_PASSWORD);
        browser.get(url("/console/reconciliation?period=2026-10&lang=" + (language.equals("en") ? "en" : "zh_CN")));
        assertThat(title()).isEqualTo(texts.getProperty("console.recon.title"));

        browser.findElement(By.cssSelector("#customers a.customer-link[href*='C00001']")).click();
        waitFor(ExpectedConditions.urlContains("/console/reconciliation/customer"));
        browser.findElement(By.cssSelector("#opportunities a.opportunity-link")).click();
        waitFor(ExpectedConditions.urlContains("/console/opportunities/OPP-2026-00001"));
        // why it differs: 4,000.00 of 10,000.00 received by the period end, from receipt SK1
        assertThat(browser.findElement(By.id("opp-differences")).getText())
                .contains(reasons.getProperty("reconciliation.reason.PARTIAL_PAYMENT"), "U8 SK1");
        assertThat(browser.findElement(By.id("receipts")).getText()).contains("U8 SK1", "2026-10-05", "4,000.00");

        browser.get(url("/console/receipts"));
        WebElement row = browser.findElement(By.cssSelector("tr.receipt[data-document='SK2']"));
        assertThat(row.findElement(By.cssSelector(".customer-name")).getText()).isEqualTo("宁波电子科技有限公司");
        Select pick = new Select(row.findElement(By.cssSelector("form.assign select")));
        assertThat(pick.getOptions().get(1).getText()).startsWith("★ OPP-2026-00002");
        pick.selectByIndex(1);
        submit(By.cssSelector("tr.receipt[data-document='SK2'] form.assign button"));
        assertThat(browser.findElements(By.cssSelector("tr.receipt[data-document='SK2']"))).isEmpty();

        browser.get(url("/console/reconciliation?period=2026-10"));
        String workbook = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(document.getElementById('recon-xlsx').href, {credentials: 'same-origin'})"
                        + ".then(function (r) { done(r.status + ' ' + r.headers.get('content-type')); });");
        assertThat(workbook).startsWith("200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    @ParameterizedTest(name = "ops in {0}")
    @ValueSource(strings = {"zh_CN", "en"})
    void opsUploadsAnArchiveAndSeesTheBarRiseToTheCountsAndTheReport(String language) {
        Properties texts = ConsoleRolesBrowserTest.bundle(language);
        logIn("ops", OPS_PASSWORD);
        browser.get(url("/console/archive?lang=" + (language.equals("en") ? "en" : "zh_CN")));
        ((JavascriptExecutor) browser).executeScript("window.seen = []; new MutationObserver(function () {"
                + " window.seen.push(parseInt(document.getElementById('archive-bar').textContent)); })"
                + ".observe(document.getElementById('archive-bar'), {childList: true, characterData: true, subtree: true});");
        browser.findElement(By.id("archive-file")).sendKeys(Path.of("samples", "客户档案.xlsx").toAbsolutePath().toString());
        browser.findElement(By.id("archive-upload")).click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("archive-report")));

        assertThat(browser.findElement(By.id("archive-status")).getText()).isEqualTo(texts.getProperty("console.archive.phase.DONE"));
        assertThat(browser.findElement(By.id("archive-bar")).getText()).isEqualTo("100%");
        @SuppressWarnings("unchecked")
        List<Long> seen = (List<Long>) ((JavascriptExecutor) browser).executeScript("return window.seen;");
        assertThat(seen).as("the bar never goes back").isSorted().endsWith(100L);
        assertThat(browser.findElement(By.id("archive-counts")).getText()).contains(texts.getProperty("console.archive.imported"));
        assertThat(browser.findElement(By.id("archive-report")).getAttribute("href")).endsWith("/report");
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("archive-history"), "客户档案.xlsx"));
        assertThat(browser.findElement(By.id("archive-history")).getText()).contains(texts.getProperty("console.archive.state.SUCCEEDED"));
    }

    private void receipts() {
        new CrmWriter(crmDb()).insertCustomers(List.of(new CrmWriter.Customer(1, "C00001", "苏州精密机械有限公司", "张伟"),
                new CrmWriter.Customer(2, "C00002", "宁波电子科技有限公司", "李娜")));
        new CrmWriter(crmDb()).insertOpportunities(List.of(
                new CrmWriter.Opp(1, "OPP-2026-00001", 1, "成交", "张伟", "CNY", new BigDecimal("10000.00"), LocalDate.of(2026, 10, 2), null),
                new CrmWriter.Opp(2, "OPP-2026-00002", 2, "成交", "李娜", "CNY", new BigDecimal("800.00"), LocalDate.of(2026, 10, 2), null)));
        new U8ReceiptWriter(u8Db()).insert(List.of(
                new U8ReceiptWriter.Receipt(1, "48", "SK1", LocalDate.of(2026, 10, 5), "C00001", "人民币", 1.0,
                        List.of(new BigDecimal("4000.00")), "OPP-2026-00001", "王会计"),
                new U8ReceiptWriter.Receipt(2, "48", "SK2", LocalDate.of(2026, 10, 6), "C00002", "人民币", 1.0,
                        List.of(new BigDecimal("800.00")), "货款", "王会计")));
        runner.run("receipts-u8", Trigger.MANUAL, "test", Map.of());
    }
}
