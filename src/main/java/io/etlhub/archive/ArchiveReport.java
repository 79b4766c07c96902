package io.etlhub.archive;

import io.etlhub.pipeline.SpreadsheetText;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The import's report for the file's owner, an .xlsx written with SXSSF (streaming, a window of
 * rows in memory): a summary sheet with the counts and the columns not imported, and one line per
 * changed or rejected cell, rejected row, row merged within the file, customer merged into (or found
 * unchanged in) the CRM, column not imported and skipped sheet. Headers and reasons in the messages' language.
 */
public final class ArchiveReport {
    private final ArchiveMessages messages;
    /** The workbook's text writer (formula-like text quoted), set for the workbook being written. */
    private SpreadsheetText safe;

    public ArchiveReport(ArchiveMessages messages) {
        this.messages = messages;
    }

    public void write(Path out, String fileName, String sha256, String status, ImportCounts counts, List<String> unmappedColumns,
                      String error, Consumer<Consumer<CellIssue>> issues) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            wb.setCompressTempFiles(true);
            safe = new SpreadsheetText(wb);
            Sheet summary = wb.createSheet(messages.get("archive.report.summary"));
            int r = 0;
            r = pair(summary, r, "archive.report.file", fileName);
            r = pair(summary, r, "archive.report.sha256", sha256);
            r = pair(summary, r, "archive.report.status", messages.get("archive.status." + status));
            r = pair(summary, r, "archive.report.read", counts.read());
            r = pair(summary, r, "archive.report.imported", counts.imported());
            r = pair(summary, r, "archive.report.merged", counts.merged());
            r = pair(summary, r, "archive.report.unchanged", counts.unchanged());
            r = pair(summary, r, "archive.report.duplicate", counts.duplicates());
            r = pair(summary, r, "archive.report.rejected", counts.rejected());
            r = pair(summary, r, "archive.report.changed", counts.changedCells());
            r = pair(summary, r, "archive.report.unmapped", unmappedColumns.isEmpty() ? "-" : String.join("、", unmappedColumns));
            if (error != null) pair(summary, r, "archive.report.error", error);
            summary.setColumnWidth(0, 24 * 256);
            summary.setColumnWidth(1, 80 * 256);

            Sheet details = wb.createSheet(messages.get("archive.report.details"));
            String[] headers = {"sheet", "row", "column", "original", "value", "kind", "reason"};
            Row head = details.createRow(0);
            for (int c = 0; c < headers.length; c++) {
                head.createCell(c).setCellValue(messages.get("archive.report." + headers[c]));
                details.setColumnWidth(c, (c == 6 ? 50 : 18) * 256);
            }
            details.createFreezePane(0, 1);
            int[] next = {1};
            issues.accept(issue -> {
                // Excel's limit; the counts on the summary sheet still cover everything.
                if (next[0] >= 1_048_576) return;
                Row row = details.createRow(next[0]++);
                // The file's own text (sheet names, headers, cell values) is the owner's: formula-like text is quoted.
                safe.set(row, 0, issue.sheet(), null);
                if (issue.row() > 0) row.createCell(1).setCellValue(issue.row());
                safe.set(row, 2, issue.column(), null);
                safe.set(row, 3, issue.original(), null);
                safe.set(row, 4, issue.value(), null);
                safe.set(row, 5, messages.get("archive.kind." + issue.kind().name()), null);
                safe.set(row, 6, reason(issue), null);
            });
            Path tmp = out.resolveSibling(out.getFileName() + ".part");
            try (OutputStream os = Files.newOutputStream(tmp)) {
                wb.write(os);
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private String reason(CellIssue issue) {
        if (issue.detail() == null) return messages.get(issue.reason());
        return messages.get(issue.reason(), (Object[]) issue.detail().split("\t", -1));
    }

    private int pair(Sheet sheet, int r, String key, Object value) {
        Row row = sheet.createRow(r);
        safe.set(row, 0, messages.get(key), null);
        if (value instanceof Number n) row.createCell(1).setCellValue(n.doubleValue());
        else safe.set(row, 1, value == null ? "" : value.toString(), null);
        return r + 1;
    }

}
