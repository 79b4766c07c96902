package io.etlhub.pipeline;

import io.etlhub.archive.ArchiveMessages;
import io.etlhub.archive.ArchiveReport;
import io.etlhub.archive.CellIssue;
import io.etlhub.archive.ImportCounts;
import io.etlhub.quality.HealthReport;
import io.etlhub.quality.HealthWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Formula-like text (= + - @, tab, CR) from the sources is quoted in every workbook the hub writes: the
 * data-health workbook and the archive report here; the reconciliation workbook in
 * ReconcileRouteIntegrationTest (its CRM and ERP texts). All use {@link SpreadsheetText}.
 */
class FormulaTextInWorkbooksTest {
    static final List<String> HOSTILE = List.of("=HYPERLINK(\"http://example.invalid\",\"x\")", "+1+1", "-2+3", "@SUM(A1)",
            "\t=1+1", "\r=1+1");

    @TempDir
    Path dir;

    @Test
    void theRuleCoversEveryFormulaStart() {
        HOSTILE.forEach(s -> assertThat(SpreadsheetText.looksLikeFormula(s)).as(s).isTrue());
        for (String plain : List.of("", "客户 =1", "OPP-2026-1", "1-2", "a@b.c")) assertThat(SpreadsheetText.looksLikeFormula(plain)).as(plain).isFalse();
    }

    @Test
    void theHealthWorkbookQuotesFindingTexts() throws Exception {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("messages", "i18n/quality");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        List<HealthReport.StoredFinding> findings = new ArrayList<>();
        for (String s : HOSTILE) {
            findings.add(new HealthReport.StoredFinding("stage-jump", s, s, s, "quality.problem.stage-backward", List.of(s, "B"),
                    LocalDateTime.of(2026, 10, 3, 9, 0)));
        }
        HealthReport report = new HealthReport(1, "2026-10", LocalDateTime.of(2026, 11, 1, 8, 0), null, List.of(),
                Map.of("stage-jump", findings));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HealthWorkbook(messages, Locale.SIMPLIFIED_CHINESE).write(report, Map.of(), YearMonth.of(2026, 10), 12, out);

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertQuoted(wb, HOSTILE.size() * 3);
        }
    }

    @Test
    void theArchiveReportQuotesTheFilesOwnText() throws Exception {
        Path file = dir.resolve("report.xlsx");
        new ArchiveReport(ArchiveMessages.CHINESE).write(file, "=cmd|' /C calc'!A0.xlsx", "abc", "FAILED", ImportCounts.NONE,
                List.of("@col"), "-error", sink -> HOSTILE.forEach(s ->
                        sink.accept(new CellIssue(s, 2, s, s, s, CellIssue.Kind.REJECTED_CELL, "archive.reason.date", null))));
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            // file name, unmapped columns and error on the summary; sheet, column, original and value per issue
            assertQuoted(wb, 3 + HOSTILE.size() * 4);
        }
    }

    /** Every formula-like cell is a quoted string, none a formula; at least {@code expected} of them. */
    static void assertQuoted(XSSFWorkbook wb, int expected) {
        int quoted = 0;
        for (Sheet sheet : wb) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
                    if (cell.getCellType() == CellType.STRING && SpreadsheetText.looksLikeFormula(cell.getStringCellValue())) {
                        assertThat(cell.getCellStyle().getQuotePrefixed()).as("%s!%s", sheet.getSheetName(), cell.getAddress()).isTrue();
                        quoted++;
                    }
                }
            }
        }
        assertThat(quoted).isGreaterThanOrEqualTo(expected);
    }
}
