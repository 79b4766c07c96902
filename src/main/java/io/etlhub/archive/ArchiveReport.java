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

    public ArchiveReport(ArchiveMessages messages) {
        this.messages = messages;
    }

    /** The whole report at once, its lines from {@code issues} (the report of a failed import, read back from the hub). */
    public void write(Path out, String fileName, String sha256, String status, ImportCounts counts, List<String> unmappedColumns,
                      String error, Consumer<Consumer<CellIssue>> issues) throws IOException {
        try (Lines lines = open()) {
            issues.accept(lines::add);
            lines.finish(out, fileName, sha256, status, counts, unmappedColumns, error);
        }
    }

    /** A report written while the import runs: each line as it is found, the summary when the counts are known. */
    public Lines open() {
        return new Lines();
    }

    /**
     * The report being written: the summary sheet first (filled by {@link #finish}, its few rows stay within SXSSF's
     * window), then the lines, streamed to SXSSF's temporary file as they come. Close it to drop what was not finished.
     */
    public final class Lines implements AutoCloseable {
        private final SXSSFWorkbook wb = new SXSSFWorkbook(200);
        /** The workbook's text writer (formula-like text quoted). */
        private final SpreadsheetText safe = new SpreadsheetText(wb);
        private final Sheet summary;
        private final Sheet details;
        private int next = 1;

        private Lines() {
            wb.setCompressTempFiles(true);
            summary = wb.createSheet(messages.get("archive.report.summary"));
            details = wb.createSheet(messages.get("archive.report.details"));
            String[] headers = {"sheet", "row", "column", "original", "value", "kind", "reason"};
            Row head = details.createRow(0);
            for (int c = 0; c < headers.length; c++) {
                head.createCell(c).setCellValue(messages.get("archive.report." + headers[c]));
                details.setColumnWidth(c, (c == 6 ? 50 : 18) * 256);
            }
            details.createFreezePane(0, 1);
        }

        public void add(CellIssue issue) {
            // Excel's limit; the counts on the summary sheet still cover everything.
            if (next >= 1_048_576) return;
            Row row = details.createRow(next++);
            // The file's own text (sheet names, headers, cell values) is the owner's: formula-like text is quoted.
            safe.set(row, 0, issue.sheet(), null);
            if (issue.row() > 0) row.createCell(1).setCellValue(issue.row());
            safe.set(row, 2, issue.column(), null);
            safe.set(row, 3, issue.original(), null);
            safe.set(row, 4, issue.value(), null);
            safe.set(row, 5, messages.get("archive.kind." + issue.kind().name()), null);
            safe.set(row, 6, reason(issue), null);
        }

        /** Fills the summary and writes the workbook to {@code out} (through a .part file, so a half-written report never shows). */
        public void finish(Path out, String fileName, String sha256, String status, ImportCounts counts, List<String> unmappedColumns,
                           String error) throws IOException {
            int r = 0;
            r = pair(r, "archive.report.file", fileName);
            r = pair(r, "archive.report.sha256", sha256);
            r = pair(r, "archive.report.status", messages.get("archive.status." + status));
            r = pair(r, "archive.report.read", counts.read());
            r = pair(r, "archive.report.imported", counts.imported());
            r = pair(r, "archive.report.merged", counts.merged());
            r = pair(r, "archive.report.unchanged", counts.unchanged());
            r = pair(r, "archive.report.duplicate", counts.duplicates());
            r = pair(r, "archive.report.rejected", counts.rejected());
            r = pair(r, "archive.report.changed", counts.changedCells());
            r = pair(r, "archive.report.unmapped", unmappedColumns.isEmpty() ? "-" : String.join("、", unmappedColumns));
            if (error != null) pair(r, "archive.report.error", error);
            summary.setColumnWidth(0, 24 * 256);
            summary.setColumnWidth(1, 80 * 256);
            Path tmp = out.resolveSibling(out.getFileName() + ".part");
            try (OutputStream os = Files.newOutputStream(tmp)) {
                wb.write(os);
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        private int pair(int r, String key, Object value) {
            Row row = summary.createRow(r);
            safe.set(row, 0, messages.get(key), null);
            if (value instanceof Number n) row.createCell(1).setCellValue(n.doubleValue());
            else safe.set(row, 1, value == null ? "" : value.toString(), null);
            return r + 1;
        }

        /** Closes the workbook and deletes SXSSF's temporary files. */
        @Override
        public void close() {
            try {
                wb.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private String reason(CellIssue issue) {
        if (issue.detail() == null) return messages.get(issue.reason());
        return messages.get(issue.reason(), (Object[]) issue.detail().split("\t", -1));
    }
}
