package io.etlhub.reconciliation;

import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import io.etlhub.receipts.UnmatchedReceipts;
import io.etlhub.support.HubIntegrationTest;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconcile route as the CLI runs it (RouteRunner with parameters), its .xlsx read back with POI, and LibreOffice. */
class ReconcileRouteIntegrationTest extends HubIntegrationTest {
    @Autowired
    RouteRunner runner;
    @Autowired
    UnmatchedReceipts queue;

    @TempDir
    Path dir;

    @BeforeEach
    void load() {
        GoldenDataset.load(crmDb(), u8Db(), k3Db(), runner, queue);
    }

    RunSummary reconcile(Path out, String lang) {
        Map<String, String> params = new HashMap<>(Map.of("period", "2026-10", "out", out.toString()));
        if (lang != null) params.put("lang", lang);
        return runner.run("reconcile", Trigger.CLI, "test", params);
    }

    @Test
    void writesTheWorkbookWithChineseHeadersAndTheGoldenFigures() throws Exception {
        Path file = dir.resolve("recon-2026-10.xlsx");
        RunSummary summary = reconcile(file, null);

        assertThat(summary.status()).isEqualTo("SUCCEEDED");
        assertThat(summary.outputs()).containsEntry("balanced", true).containsEntry("file", file.toAbsolutePath().toString());
        assertThat((BigDecimal) summary.outputs().get("erpReceipts")).isEqualByComparingTo("66924.44");
        assertThat(summary.count("documents")).isEqualTo(13); // 12 valid documents and the invalid 16

        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertThat(List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2), wb.getSheetName(3),
                    wb.getSheetName(4), wb.getSheetName(5))).containsExactly("汇总", "总计", "客户", "商机", "差异明细", "未匹配收款");
            Map<String, Cell> summarySheet = byFirstColumn(wb.getSheet("汇总"));
            // the golden control total, see ReconciliationGoldenIntegrationTest
            assertThat(number(summarySheet.get("本期ERP收款合计"))).isEqualByComparingTo("66924.44");
            assertThat(number(summarySheet.get("已匹配"))).isEqualByComparingTo("43074.44");
            assertThat(number(summarySheet.get("未匹配"))).isEqualByComparingTo("23600.00");
            assertThat(number(summarySheet.get("已忽略"))).isEqualByComparingTo("250.00");
            assertThat(number(summarySheet.get("控制差额"))).isEqualByComparingTo("0.00");
            assertThat(summarySheet.get("控制总数").getStringCellValue()).startsWith("平衡");

            XSSFSheet opps = wb.getSheet("商机");
            assertThat(opps.getRow(0).getCell(2).getStringCellValue()).isEqualTo("商机编号");
            assertThat(opps.getPaneInformation().isFreezePane()).isTrue();
            assertThat(opps.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:O9");
            Row opp1 = findRow(opps, 2, "OPP-2026-00001");
            // currency, signed in period, cumulative, to date, CRM, outstanding, deviation, %, report currency, ERP local, unmatched
            assertThat(opp1.getCell(4).getStringCellValue()).isEqualTo("CNY");
            assertThat(opp1.getCell(5).getNumericCellValue()).isEqualTo(100000.00);
            // as at 31 October: the CRM's 36700 today less November's 1000
            assertThat(number(opp1.getCell(8))).isEqualByComparingTo("35700.00");
            assertThat(number(opp1.getCell(10))).isEqualByComparingTo("0.00");
            assertThat(opp1.getCell(12).getStringCellValue()).isEqualTo("CNY");
            assertThat(number(opp1.getCell(13))).isEqualByComparingTo("35700.00");
            assertThat(opp1.getCell(13).getCellStyle().getDataFormatString()).contains("#,##0.00");
            assertThat(opps.getColumnWidth(2)).isGreaterThanOrEqualTo("OPP-2026-00001".length() * 256);

            // the customer named "=HYPERLINK(...)" in the CRM is text, not a formula
            Row c2 = findRow(wb.getSheet("客户"), 0, "C00002");
            assertThat(c2.getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(c2.getCell(1).getStringCellValue()).isEqualTo("=HYPERLINK(\"http://x\")");
            assertThat(c2.getCell(1).getCellStyle().getQuotePrefixed()).isTrue();

            Sheet unmatched = wb.getSheet("未匹配收款");
            Row r12 = findRow(unmatched, 1, "SK000012");
            assertThat(r12.getCell(8).getStringCellValue()).isEqualTo("+货款 十月");
            assertThat(r12.getCell(8).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(r12.getCell(12).getStringCellValue()).isEqualTo("OPP-2026-00008 + OPP-2026-00009");
            assertThat(r12.getCell(14).getStringCellValue()).contains("拆分");
            assertThat(findRow(unmatched, 1, "SK000014").getCell(8).getStringCellValue()).isEqualTo("@预收");
            // K3's PRE001 and U8's 人民币 are both CNY
            assertThat(findRow(unmatched, 1, "SK000011").getCell(4).getStringCellValue()).isEqualTo("CNY");

            Sheet differences = wb.getSheet("差异明细");
            assertThat(findRow(differences, 0, "CRM标记已回款但无收款单").getCell(4).getStringCellValue()).isEqualTo("OPP-2026-00006");
            assertThat(differences.getLastRowNum()).isEqualTo(16); // header + the 16 golden differences
        }
    }

    @Test
    void englishHeadersOnRequest() throws Exception {
        Path file = dir.resolve("recon-en.xlsx");
        assertThat(reconcile(file, "en").status()).isEqualTo("SUCCEEDED");
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertThat(wb.getSheetName(0)).isEqualTo("Summary");
            assertThat(number(byFirstColumn(wb.getSheet("Summary")).get("ERP receipts in period"))).isEqualByComparingTo("66924.44");
            assertThat(wb.getSheet("Opportunities").getRow(0).getCell(2).getStringCellValue()).isEqualTo("Opportunity");
        }
    }

    @Test
    void anUnbalancedControlTotalFailsTheRunLoudlyAndTheFileSaysSo() throws Exception {
        // The CRM loses an opportunity the ledger applied receipts to: OPP-2026-00005 (3000.00 in October).
        crmDb().update("DELETE FROM crm_opportunity WHERE id = 5");
        Path file = dir.resolve("unbalanced.xlsx");

        RunSummary summary = reconcile(file, null);

        assertThat(summary.status()).isEqualTo("FAILED");
        // 66924.44 - (43074.44 - 3000.00) - 23600.00 - 250.00 = 3000.00
        assertThat(summary.error()).contains("CONTROL TOTAL DOES NOT BALANCE").contains("difference 3000.00");
        assertThat(summary.outputs()).containsEntry("balanced", false);
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Map<String, Cell> s = byFirstColumn(wb.getSheet("汇总"));
            assertThat(number(s.get("控制差额"))).isEqualByComparingTo("3000.00");
            assertThat(s.get("控制总数").getStringCellValue()).startsWith("不平衡");
        }
    }

    @Test
    void badPeriodIsAClearFailure() {
        RunSummary summary = runner.run("reconcile", Trigger.CLI, "test", Map.of("period", "2026-13"));
        assertThat(summary.status()).isEqualTo("FAILED");
        assertThat(summary.error()).contains("bad period date '2026-13'");
    }

    @Test
    void libreOfficeOpensTheWorkbook() throws Exception {
        Path soffice = Path.of("/usr/bin/libreoffice");
        Assumptions.assumeTrue(Files.isExecutable(soffice),
                "libreoffice is not installed (apt-get install -y libreoffice-calc): skipping the PDF conversion check");
        Path file = dir.resolve("recon-2026-10.xlsx");
        assertThat(reconcile(file, null).status()).isEqualTo("SUCCEEDED");
        Process p = new ProcessBuilder(soffice.toString(), "-env:UserInstallation=file://" + dir.resolve("lo-profile"),
                "--headless", "--convert-to", "pdf", "--outdir", dir.toString(), file.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("libreoffice finished in time").isTrue();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(log).isZero();
        Path pdf = dir.resolve("recon-2026-10.pdf");
        assertThat(pdf).exists();
        assertThat(Files.size(pdf)).isGreaterThan(1000);
    }

    private static Map<String, Cell> byFirstColumn(Sheet sheet) {
        Map<String, Cell> out = new HashMap<>();
        for (Row row : sheet) {
            if (row.getRowNum() == 0 || row.getCell(0) == null) continue;
            out.putIfAbsent(row.getCell(0).getStringCellValue(), row.getCell(1));
        }
        return out;
    }

    /** The first row whose cell in column holds value (text); shared by the workbook tests of this package. */
    static Row findRow(Sheet sheet, int column, String value) {
        for (Row row : sheet) {
            Cell c = row.getCell(column);
            if (c != null && c.getCellType() == CellType.STRING && value.equals(c.getStringCellValue())) return row;
        }
        throw new AssertionError("no row with " + value + " in column " + column + " of " + sheet.getSheetName());
    }

    /** A money cell back as 2-decimal BigDecimal (the file stores numbers as doubles). */
    private static BigDecimal number(Cell cell) {
        return new BigDecimal(Double.toString(cell.getNumericCellValue())).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
