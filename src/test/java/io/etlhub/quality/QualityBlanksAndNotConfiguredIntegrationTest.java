package io.etlhub.quality;

import io.etlhub.connector.ConfigFiles;
import io.etlhub.connector.MappingCatalog;
import io.etlhub.crm.CrmSchema;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.HubIntegrationTest;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, data quality: Unicode blanks counted the same in every rule whatever the column's
 * collation, and rules that cannot run (no CRM table, unmapped column, switched off) shown as
 * "not configured" while the rest of the report is built. October 2026 over {@link GoldenData}.
 */
class QualityBlanksAndNotConfiguredIntegrationTest extends HubIntegrationTest {
    static final ReportPeriod OCTOBER = ReportPeriod.parse("2026-10");

    @Autowired
    QualityChecker checker;
    @Autowired
    RouteRunner runner;
    @Autowired
    HealthReports reports;
    @Autowired
    HealthReportService service;
    @Autowired
    MappingCatalog mappings;
    @Autowired
    ConfigFiles configFiles;
    @Autowired
    org.springframework.boot.test.web.client.TestRestTemplate rest;

    @BeforeEach
    void load() {
        GoldenData.load(crmDb(), hub);
    }

    @AfterEach
    void restoreCrm() {
        crmDb().execute("ALTER TABLE crm_lead MODIFY lead_source VARCHAR(60) COLLATE utf8mb4_unicode_ci, "
                + "MODIFY owner VARCHAR(60) COLLATE utf8mb4_unicode_ci");
        Integer hidden = crmDb().queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
                + "AND table_name = 'crm_customer_change_log_hidden'", Integer.class);
        if (hidden != null && hidden > 0) crmDb().execute("RENAME TABLE crm_customer_change_log_hidden TO crm_customer_change_log");
    }

    private Map<QualityRule, RuleOutcome> byRule(List<RuleOutcome> outcomes) {
        return outcomes.stream().collect(Collectors.toMap(o -> o.metric().rule(), Function.identity()));
    }

    @Test
    void unicodeBlanksCountInEveryRuleOnAGeneralCiColumn() {
        // The lead columns as many MySQL CRMs have them: utf8mb4_general_ci, PAD SPACE.
        crmDb().execute("ALTER TABLE crm_lead MODIFY lead_source VARCHAR(60) COLLATE utf8mb4_general_ci, "
                + "MODIFY owner VARCHAR(60) COLLATE utf8mb4_general_ci");
        String lead = "INSERT INTO crm_lead (id, lead_no, lead_source, owner, created_at, first_follow_up_at) VALUES (?, ?, ?, ?, ?, ?)";
        crmDb().update(lead, 11, "LEAD-11", "\u3000", "张三", GoldenData.ts("2026-10-07 09:00:00"), GoldenData.ts("2026-10-07 10:00:00"));
        crmDb().update(lead, 12, "LEAD-12", "\u00A0\u200B", "\u3000", GoldenData.ts("2026-10-08 09:00:00"), GoldenData.ts("2026-10-08 10:00:00"));
        crmDb().update(lead, 13, "LEAD-13", "\u3000无\u3000", "李四", GoldenData.ts("2026-10-09 09:00:00"), GoldenData.ts("2026-10-09 10:00:00"));
        crmDb().update(lead, 14, "LEAD-14", "\u3000展会", "李四", GoldenData.ts("2026-10-10 09:00:00"), GoldenData.ts("2026-10-10 10:00:00"));
        // Customer 1 was the only complete one; a full-width space is no address.
        crmDb().update("UPDATE crm_customer SET address = '\u3000' WHERE id = 1");

        Map<QualityRule, RuleOutcome> outcomes = byRule(checker.check(OCTOBER));

        // Golden: 6 leads in October, 4 blank sources. Now 10 leads; blank also 11 (U+3000), 12 (NBSP + zero width),
        // 13 (无 between full-width spaces); 14 (展会) is a source. 7 / 10 = 70.00 %
        MetricResult blank = outcomes.get(QualityRule.BLANK_LEAD_SOURCE_RATE).metric();
        assertThat(blank.numerator()).isEqualTo(7);
        assertThat(blank.denominator()).isEqualTo(10);
        assertThat(blank.value()).isEqualByComparingTo(new BigDecimal("70.00"));
        assertThat(outcomes.get(QualityRule.BLANK_LEAD_SOURCE_RATE).findings()).extracting(Finding::recordNo)
                .contains("LEAD-11", "LEAD-12", "LEAD-13").doesNotContain("LEAD-14");
        // The finding shows what is in the field, invisible characters spelled out.
        assertThat(outcomes.get(QualityRule.BLANK_LEAD_SOURCE_RATE).findings()).filteredOn(f -> f.recordNo().equals("LEAD-11"))
                .singleElement().extracting(Finding::args).isEqualTo(List.of("[U+3000]"));
        // Unassigned: golden 3 ('') and 5 (NULL), and 12 (owner U+3000) = 3
        assertThat(outcomes.get(QualityRule.UNASSIGNED_LEADS).metric().numerator()).isEqualTo(3);
        assertThat(outcomes.get(QualityRule.UNASSIGNED_LEADS).findings()).extracting(Finding::recordNo).contains("LEAD-12");
        // Core fields: customers 1, 2, 3 at 11-01, none complete now; 客户甲 misses its address.
        RuleOutcome core = outcomes.get(QualityRule.CORE_FIELD_COMPLETENESS);
        assertThat(core.metric().value()).isEqualByComparingTo(new BigDecimal("0.00"));
        assertThat(core.findings()).filteredOn(f -> f.recordNo().equals("客户甲")).singleElement()
                .extracting(Finding::args).isEqualTo(List.of("address"));
    }

    @Test
    void aCrmWithoutAChangeLogStillGetsItsReportWithTheRuleNotConfigured() throws Exception {
        crmDb().execute("RENAME TABLE crm_customer_change_log TO crm_customer_change_log_hidden");
        Path out = Files.createDirectories(Path.of("target/quality-it")).resolve("health-no-change-log.xlsx");
        Files.deleteIfExists(out);

        RunSummary run = runner.run("health-report", Trigger.CLI, "test", Map.of("month", "2026-10", "out", out.toString()));

        assertThat(run.succeeded()).as(run.error()).isTrue();
        HealthReport report = reports.get(reports.list(1).get(0).id());
        HealthReport.MetricLine frequency = report.metric("customer-update-frequency");
        assertThat(frequency.verdict()).isEqualTo(Verdict.NOT_CONFIGURED);
        assertThat(frequency.value()).isNull();
        assertThat(frequency.notConfigured()).isEqualTo("quality.not-configured.missing-table");
        assertThat(frequency.notConfiguredArgs()).containsExactly("customer-change-log", "crm_customer_change_log");
        assertThat(report.findings().get("customer-update-frequency")).isEmpty();
        // The rest of the report as in QualityGoldenIntegrationTest.
        assertThat(report.metric("core-field-completeness").value()).isEqualByComparingTo(new BigDecimal("33.33"));
        assertThat(report.metric("stage-jump-rate").value()).isEqualByComparingTo(new BigDecimal("66.67"));
        assertThat(report.metric("blank-lead-source-rate").verdict()).isEqualTo(Verdict.RED);

        try (InputStream in = Files.newInputStream(out); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Row row = summaryRow(wb.getSheetAt(0), "客户信息动态更新频次");
            assertThat(row.getCell(5).getStringCellValue()).isEqualTo("未配置");
            assertThat(row.getCell(10).getStringCellValue())
                    .isEqualTo("CRM 数据库中没有表 crm_customer_change_log（mappings/crm.yml 中的 customer-change-log）");
            assertThat(wb.getSheet("客户信息动态更新频次").getRow(1).getCell(0).getStringCellValue())
                    .isEqualTo("未配置: CRM 数据库中没有表 crm_customer_change_log（mappings/crm.yml 中的 customer-change-log）");
        }
        // The console's page of the latest report says the same.
        String page = rest.withBasicAuth("ops", OPS_PASSWORD).getForObject("/console/quality", String.class);
        assertThat(page).contains("未配置", "CRM 数据库中没有表 crm_customer_change_log（mappings/crm.yml 中的 customer-change-log）");
        Path english = out.resolveSibling("health-no-change-log-en.xlsx");
        service.writeXlsx(report, java.util.Locale.ENGLISH, english);
        try (InputStream in = Files.newInputStream(english); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Row row = summaryRow(wb.getSheetAt(0), "Customer updates per customer");
            assertThat(row.getCell(5).getStringCellValue()).isEqualTo("Not configured");
            assertThat(row.getCell(10).getStringCellValue())
                    .isEqualTo("the CRM database has no table crm_customer_change_log (customer-change-log in mappings/crm.yml)");
        }
    }

    @Test
    void aRuleSwitchedOffInQualityYmlIsNotConfiguredAndTheOthersRun() throws Exception {
        String yml = Files.readString(mappings.file("quality"))
                .replace("disabled-rules: []", "disabled-rules: [stale-leads-rate, overdue-receipts]");
        Path file = Files.createDirectories(Path.of("target/quality-it")).resolve("quality-switched-off.yml");
        Files.writeString(file, yml);
        QualitySettings settings = configFiles.read(file, QualitySettings.class);
        assertThat(settings.problems()).isEmpty();

        Map<QualityRule, RuleOutcome> outcomes = byRule(checker.check(OCTOBER, settings, mappings.read("crm", CrmSchema.class)));

        assertThat(outcomes).hasSize(QualityRule.values().length);
        for (QualityRule off : List.of(QualityRule.STALE_LEADS_RATE, QualityRule.OVERDUE_RECEIPTS)) {
            assertThat(outcomes.get(off).notConfigured()).isEqualTo(NotConfigured.switchedOff());
            assertThat(outcomes.get(off).metric().value()).isNull();
            assertThat(outcomes.get(off).findings()).isEmpty();
        }
        assertThat(outcomes.get(QualityRule.BLANK_LEAD_SOURCE_RATE).metric().value()).isEqualByComparingTo(new BigDecimal("66.67"));
        assertThat(outcomes.get(QualityRule.RECEIPT_LAG_DAYS).metric().value()).isEqualByComparingTo(new BigDecimal("6.00"));
    }

    @Test
    void aColumnNotMappedInCrmYmlLeavesOnlyTheRulesThatReadIt() throws Exception {
        String yml = Files.readString(mappings.file("crm")).replace("      first-follow-up-at: first_follow_up_at\n", "");
        Path file = Files.createDirectories(Path.of("target/quality-it")).resolve("crm-no-follow-up.yml");
        Files.writeString(file, yml);
        CrmSchema crm = configFiles.read(file, CrmSchema.class);
        assertThat(crm.table("lead").has("first-follow-up-at")).isFalse();

        Map<QualityRule, RuleOutcome> outcomes = byRule(checker.check(OCTOBER, checker.settings(), crm));

        for (QualityRule off : List.of(QualityRule.LEAD_RESPONSE_HOURS, QualityRule.STALE_LEADS_RATE)) {
            assertThat(outcomes.get(off).notConfigured())
                    .isEqualTo(new NotConfigured("quality.not-configured.unmapped-column", List.of("lead.first-follow-up-at")));
        }
        assertThat(outcomes.get(QualityRule.BLANK_LEAD_SOURCE_RATE).metric().value()).isEqualByComparingTo(new BigDecimal("66.67"));
        assertThat(outcomes.get(QualityRule.UNASSIGNED_LEADS).metric().numerator()).isEqualTo(2);
        assertThat(outcomes.get(QualityRule.CUSTOMER_UPDATE_FREQUENCY).metric().value()).isEqualByComparingTo(new BigDecimal("1.33"));
    }

    private static Row summaryRow(XSSFSheet sheet, String metric) {
        for (Row row : sheet) {
            if (row.getCell(0) != null && metric.equals(row.getCell(0).getStringCellValue())) return row;
        }
        throw new AssertionError("no summary row for " + metric);
    }
}
