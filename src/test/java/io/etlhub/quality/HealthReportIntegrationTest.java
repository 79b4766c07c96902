package io.etlhub.quality;

import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.HubIntegrationTest;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The health-report route end to end: run, store, .xlsx (read back with POI), REST, a scheduled run. */
class HealthReportIntegrationTest extends HubIntegrationTest {
    @Autowired
    RouteRunner runner;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    CamelContext camel;

    Path dir;

    @BeforeEach
    void load() throws Exception {
        GoldenData.load(crmDb(), hub);
        dir = Files.createDirectories(Path.of("target/quality-it"));
    }

    private RunSummary run(Map<String, String> params) {
        return runner.run("health-report", Trigger.CLI, "test", params);
    }

    @Test
    void runWritesAChineseWorkbookWithChartsAndOneFindingsSheetPerRule() throws Exception {
        Path out = dir.resolve("health-2026-10.xlsx");
        Files.deleteIfExists(out);
        RunSummary summary = run(Map.of("month", "2026-10", "out", out.toString()));
        assertThat(summary.succeeded()).as(summary.error()).isTrue();
        assertThat(summary.outputs()).containsEntry("month", "2026-10").containsEntry("findings", 24L);
        try (InputStream in = Files.newInputStream(out); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            // summary + 11 rules
            assertThat(wb.getNumberOfSheets()).isEqualTo(12);
            XSSFSheet summarySheet = wb.getSheetAt(0);
            assertThat(summarySheet.getSheetName()).isEqualTo("汇总");
            assertThat(summarySheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("数据健康月报 2026-10");
            assertThat(summarySheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("指标");
            Row jump = summarySheet.getRow(4);
            assertThat(jump.getCell(0).getStringCellValue()).isEqualTo("商机阶段跳变率");
            assertThat(jump.getCell(1).getNumericCellValue()).isEqualTo(66.67);
            assertThat(jump.getCell(5).getStringCellValue()).isEqualTo("红");
            // one line chart per metric, each over 12 months
            assertThat(summarySheet.getDrawingPatriarch().getCharts()).hasSize(11);
            assertThat(summarySheet.getDrawingPatriarch().getCharts().get(0).getChartSeries().get(0).getSeries(0).getValuesData()
                    .getPointCount()).isEqualTo(12);
            XSSFSheet jumps = wb.getSheet("商机阶段跳变率");
            assertThat(jumps.getRow(0).getCell(0).getStringCellValue()).isEqualTo("记录ID");
            assertThat(jumps.getRow(1).getCell(2).getStringCellValue()).isEqualTo("王五");
            assertThat(jumps.getRow(4).getCell(3).getStringCellValue()).isEqualTo("阶段跳变：需求确认 → 样件验收，跳过 技术确认");
            XSSFSheet unassigned = wb.getSheet("未分配线索数");
            assertThat(unassigned.getRow(1).getCell(2).getStringCellValue()).isEqualTo("（未分配）");
        }
    }

    @Test
    void theWorkbookPrintsOnThePageWidthWithTheSummaryOnPageOneAndHeadersRepeated() throws Exception {
        Path out = dir.resolve("health-2026-10-print.xlsx");
        assertThat(run(Map.of("month", "2026-10", "out", out.toString())).succeeded()).isTrue();
        try (InputStream in = Files.newInputStream(out); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                XSSFSheet sheet = wb.getSheetAt(i);
                assertThat(sheet.getFitToPage()).as(sheet.getSheetName()).isTrue();
                assertThat(sheet.getPrintSetup().getLandscape()).as(sheet.getSheetName()).isTrue();
                assertThat(sheet.getPrintSetup().getFitWidth()).as(sheet.getSheetName()).isEqualTo((short) 1);
                assertThat(sheet.getPrintSetup().getFitHeight()).as("as many pages tall as needed").isEqualTo((short) 0);
                assertThat(sheet.getRepeatingRows()).as(sheet.getSheetName()).isNotNull();
            }
            XSSFSheet summary = wb.getSheetAt(0);
            assertThat(summary.getRepeatingRows().formatAsString()).isEqualTo("1:4");
            // 11 metric lines from row 4: page one ends after the last one (row index 14), the trend starts on page two
            assertThat(summary.getRowBreaks()).containsExactly(14);
            assertThat(wb.getSheet("商机阶段跳变率").getRepeatingRows().formatAsString()).isEqualTo("1:1");
        }
    }

    @Test
    void workbookConvertsToPdfWithLibreOffice() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/libreoffice")) || Files.isExecutable(Path.of("/usr/bin/soffice"));
        Assumptions.assumeTrue(installed, "libreoffice is not installed (apt-get install -y libreoffice-calc): the PDF conversion "
                + "check of the health report is skipped; the workbook itself is checked with POI in the other tests");
        Path out = dir.resolve("health-2026-10-pdf.xlsx");
        assertThat(run(Map.of("month", "2026-10", "out", out.toString())).succeeded()).isTrue();
        convertsWithLibreOffice(out);
    }

    @Test
    void theConsolePageShowsUnitsAChartPerUnitAndTheFindingsOfOneRulePagedInTheReadersLanguage() {
        assertThat(run(Map.of("month", "2026-10")).succeeded()).isTrue();
        TestRestTemplate ops = rest.withBasicAuth("ops", io.etlhub.support.HubIntegrationTest.OPS_PASSWORD);
        String page = ops.getForObject("/console/quality", String.class);
        assertThat(page).contains("66.67 %", "data-unit=\"percent\"", "data-unit=\"days\"", "单位：%", "单位：天")
                .containsPattern("\\d\\.\\d\\d 天").doesNotContain("null %", "null percent", ">null<", "quality.problem.", ">percent<", ">days<");
        // the first rule with findings, its problems translated
        assertThat(page).contains("阶段跳变：需求确认 → 样件验收，跳过 技术确认");

        String paged = ops.getForObject("/console/quality?rule=stage-jump-rate&size=1&page=2", String.class);
        assertThat(paged).contains("id=\"pager-summary\"", "rule=stage-jump-rate");
        String english = ops.getForObject("/console/quality?rule=receipt-lag-days&lang=en", String.class);
        assertThat(english).containsPattern("\\d\\.\\d\\d days").contains(
                "Receipt for opportunity OPP-2026-00002 (ERP document date 2026-09-20) reached the CRM 13 days late");
    }

    @Test
    void englishWorkbookOnRequest() throws Exception {
        Path out = dir.resolve("health-2026-10-en.xlsx");
        RunSummary summary = run(Map.of("month", "2026-10", "out", out.toString(), "lang", "en"));
        assertThat(summary.succeeded()).as(summary.error()).isTrue();
        try (InputStream in = Files.newInputStream(out); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("Summary");
            XSSFSheet lag = wb.getSheet("Receipt lag days");
            assertThat(lag.getRow(0).getCell(2).getStringCellValue()).isEqualTo("Owner");
            assertThat(lag.getRow(1).getCell(3).getStringCellValue())
                    .isEqualTo("Receipt for opportunity OPP-2026-00002 (ERP document date 2026-09-20) reached the CRM 13 days late");
        }
    }

    @Test
    void aBadMonthFailsTheRunWithAClearMessageAndStoresNothing() {
        RunSummary summary = run(Map.of("month", "2026-13"));
        assertThat(summary.succeeded()).isFalse();
        assertThat(summary.error()).contains("month must look like 2026-10, found '2026-13'");
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM quality_report", Integer.class)).isZero();
    }

    @Test
    void restRunsListsAndReadsReportsForOps() {
        TestRestTemplate ops = rest.withBasicAuth("ops", OPS_PASSWORD);
        ResponseEntity<Map> created = ops.postForEntity("/api/quality/reports?month=2026-10", null, Map.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Number reportId = (Number) ((Map<?, ?>) created.getBody().get("outputs")).get("reportId");
        ResponseEntity<List> list = ops.getForEntity("/api/quality/reports", List.class);
        assertThat(list.getBody()).hasSize(1);
        ResponseEntity<Map> one = ops.getForEntity("/api/quality/reports/" + reportId, Map.class);
        assertThat(one.getBody().get("period")).isEqualTo("2026-10");
        assertThat((List<?>) one.getBody().get("metrics")).hasSize(11);
        assertThat((List<?>) ((Map<?, ?>) one.getBody().get("findings")).get("overdue-receipts")).hasSize(3);
        assertThat(ops.getForEntity("/api/quality/reports/" + reportId + "/xlsx", byte[].class).getBody()).startsWith('P', 'K');
        assertThat(((Map<?, ?>) created.getBody().get("outputs")).get("download")).isEqualTo("/api/quality/reports/" + reportId + "/xlsx");
        // audited by the report service, with who asked (issue 14)
        assertThat(hub.queryForList("SELECT CONCAT(actor, ' ', action, ' ', target) FROM audit_log WHERE action = 'HEALTH_REPORT'", String.class))
                .containsExactly("ops HEALTH_REPORT health report 2026-10");
        assertThat(ops.getForEntity("/api/quality/reports/999999", Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(ops.postForEntity("/api/quality/reports?month=oct", null, Map.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rest.withBasicAuth("finance", FINANCE_PASSWORD).getForEntity("/api/quality/reports", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    /**
     * A run with the scheduler's trigger stores its report. Quartz itself firing a routes/ file is
     * ScheduledRunIntegrationTest's; the Quartz scheduler is off in the shared test context
     * (etlhub.scheduler.enabled=false), so a one-shot timer route stands in for the tick.
     */
    @Test
    void aScheduledRunStoresTheReport() throws Exception {
        String routeId = "quality-test-schedule";
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer://quality-test-health-report?repeatCount=1")
                        .routeId(routeId)
                        .process(e -> runner.run("health-report", Trigger.SCHEDULE, "scheduler", Map.of("month", "2026-10")));
            }
        });
        // Under the supervising route controller a route added to a running context is started explicitly.
        camel.getRouteController().startRoute(routeId);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline
                    && hub.queryForObject("SELECT COUNT(*) FROM quality_report WHERE trigger_type = 'SCHEDULE'", Integer.class) == 0) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        } finally {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        }
        Map<String, Object> report = hub.queryForList("SELECT period, actor FROM quality_report WHERE trigger_type = 'SCHEDULE'").get(0);
        assertThat(report).containsEntry("period", "2026-10").containsEntry("actor", "scheduler");
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM route_run WHERE route_id = 'health-report' AND trigger_type = 'SCHEDULE' "
                + "AND status = 'SUCCEEDED'", Integer.class)).isPositive();
    }

    private static void convertsWithLibreOffice(Path xlsx) throws Exception {
        Path outDir = xlsx.toAbsolutePath().getParent();
        Process p = new ProcessBuilder("libreoffice", "--headless", "--convert-to", "pdf", "--outdir", outDir.toString(),
                xlsx.toAbsolutePath().toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("libreoffice finished").isTrue();
        Path pdf = outDir.resolve(xlsx.getFileName().toString().replace(".xlsx", ".pdf"));
        assertThat(pdf).exists();
        assertThat(Files.size(pdf)).isGreaterThan(1000);
    }
}
