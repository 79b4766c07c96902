package io.etlhub.reconciliation;

import io.etlhub.reconciliation.ReconciliationReport.AmountLine;
import io.etlhub.reconciliation.ReconciliationReport.Difference;
import io.etlhub.reconciliation.ReconciliationReport.Suggestion;
import io.etlhub.reconciliation.ReconciliationReport.UnmatchedReceipt;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.util.CellRangeAddress;
import io.etlhub.pipeline.SpreadsheetText;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The .xlsx of a reconciliation: a summary sheet (control total, totals), one sheet per level, the
 * differences with their reasons, the unmatched receipts with suggestions. Headers, reasons, details and states in the
 * report's language (Chinese by default), ISO currencies, a currency column beside every amount of another currency,
 * money formats (rounding to the third decimal), frozen headers, auto-filters, widths that fit. Amounts
 * are numeric cells from BigDecimal; text from the source is always a text cell, and text starting with
 * = + - @ is quote-prefixed so no spreadsheet ever reads it as a formula.
 */
final class ReconciliationWorkbook {
    private static final int MAX_WIDTH = 60;

    private final ReconciliationTexts texts;
    private final Locale locale;

    ReconciliationWorkbook(ReconciliationTexts texts, Locale locale) {
        this.texts = texts;
        this.locale = locale;
    }

    void write(ReconciliationReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        // Written beside the target and moved into place: a half-written report never has the final name.
        Path tmp = file.resolveSibling("." + file.getFileName() + ".part");
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            Styles styles = new Styles(wb);
            summary(wb, styles, report);
            levels(wb, styles, "sheet.totals", report.totals(), false, report.reportCurrency());
            levels(wb, styles, "sheet.customers", report.customers(), false, report.reportCurrency());
            levels(wb, styles, "sheet.opportunities", report.opportunities(), true, report.reportCurrency());
            differences(wb, styles, report.differences());
            unmatched(wb, styles, report.unmatched(), report.reportCurrency());
            try (OutputStream out = Files.newOutputStream(tmp)) {
                wb.write(out);
            }
            wb.dispose();
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Item, value and the value's currency: the control total is in the report currency, each total in its own. */
    private void summary(SXSSFWorkbook wb, Styles styles, ReconciliationReport r) {
        Table t = new Table(wb.createSheet(text("sheet.summary")), styles,
                List.of(text("col.item"), text("col.value"), text("col.currency")));
        String rc = r.reportCurrency();
        t.row(text("summary.period"), r.period().label() + " (" + r.period().from() + " ~ " + r.period().to() + ")");
        t.row(text("summary.reportCurrency"), rc);
        ReconciliationReport.ControlTotal c = r.control();
        t.row(text("summary.documents"), c.documents());
        t.row(text("summary.erpReceipts"), c.erpReceipts(), rc);
        t.row(text("summary.matched"), c.matched(), rc);
        t.row(text("summary.unmatched"), c.unmatched(), rc);
        t.row(text("summary.dismissed"), c.dismissed(), rc);
        t.row(text("summary.controlDifference"), c.difference(), rc);
        t.row(text("summary.controlStatus"), c.balanced() ? text("summary.balanced") : text("summary.notBalanced"));
        if (!c.balanced()) t.alarmLastRow();
        for (SourceData.InvalidAmount invalid : c.invalid()) {
            t.row(texts.text("summary.invalid", locale, invalid.documents()), invalid.amount(), invalid.currency());
        }
        for (AmountLine total : r.totals()) {
            String cur = total.currency();
            t.row(text("summary.currency"), cur);
            t.row(text("col.signedInPeriod"), total.signedInPeriod(), cur);
            t.row(text("col.signedCumulative"), total.signedCumulative(), cur);
            t.row(text("col.erpReceivedToDate"), total.erpReceivedToDate(), cur);
            t.row(text("col.crmReceived"), total.crmReceived(), cur);
            t.row(text("col.outstanding"), total.outstanding(), cur);
            t.row(text("col.deviation"), total.deviation(), cur);
            t.row(text("col.deviationPercent"), total.deviationPercent(), "%");
            t.row(text("col.erpReceivedLocal"), total.erpReceivedLocal(), rc);
            t.row(text("col.erpUnmatchedLocal"), total.erpUnmatchedLocal(), rc);
        }
        t.finish();
    }

    /** The line's own currency and its amounts, then the report currency and the ERP amounts converted into it. */
    private void levels(SXSSFWorkbook wb, Styles styles, String sheet, List<AmountLine> lines, boolean opportunities,
                        String reportCurrency) {
        List<String> headers = new ArrayList<>(List.of(text("col.customerCode"), text("col.customerName")));
        if (opportunities) headers.addAll(List.of(text("col.opportunityNo"), text("col.stageAtEnd")));
        headers.addAll(List.of(text("col.currency"), text("col.signedInPeriod"), text("col.signedCumulative"),
                text("col.erpReceivedToDate"), text("col.crmReceived"), text("col.outstanding"), text("col.deviation"),
                text("col.deviationPercent"), text("col.reportCurrency"), text("col.erpReceivedLocal"),
                text("col.erpUnmatchedLocal")));
        Table t = new Table(wb.createSheet(text(sheet)), styles, headers);
        for (AmountLine l : lines) {
            List<Object> v = new ArrayList<>(List.of(nz(l.customerCode()), nz(l.customerName())));
            if (opportunities) { v.add(nz(l.opportunityNo())); v.add(nz(l.stage())); }
            v.addAll(java.util.Arrays.asList(l.currency(), l.signedInPeriod(), l.signedCumulative(), l.erpReceivedToDate(),
                    l.crmReceived(), l.outstanding(), l.deviation(), l.deviationPercent(), reportCurrency, l.erpReceivedLocal(),
                    l.erpUnmatchedLocal()));
            t.row(v.toArray());
        }
        t.finish();
    }

    /** In the report's order: grouped by reason, then customer. */
    private void differences(SXSSFWorkbook wb, Styles styles, List<Difference> differences) {
        Table t = new Table(wb.createSheet(text("sheet.differences")), styles, List.of(text("col.reason"),
                text("col.customerCode"), text("col.system"), text("col.documentNo"), text("col.opportunityNo"),
                text("col.currency"), text("col.amount"), text("col.detail")));
        for (Difference d : differences) {
            t.row(texts.reason(d.reason(), locale), nz(d.customerCode()), nz(d.system()), nz(d.documentNo()),
                    nz(d.opportunityNo()), nz(d.currency()), d.reason() == Reason.ROUNDING ? new Fine(d.amount()) : d.amount(),
                    texts.detail(d.detail(), locale));
        }
        t.finish();
    }

    /** One row per suggestion; the original amount in the document's ISO currency beside its report-currency amount. */
    private void unmatched(SXSSFWorkbook wb, Styles styles, List<UnmatchedReceipt> receipts, String reportCurrency) {
        Table t = new Table(wb.createSheet(text("sheet.unmatched")), styles, List.of(text("col.system"), text("col.documentNo"),
                text("col.date"), text("col.customerCode"), text("col.currency"), text("col.amount"),
                text("col.reportCurrency"), text("col.localAmount"), text("col.memo"), text("col.state"),
                text("col.ledgerReason"), text("col.namedOpportunity"), text("col.suggestion"), text("col.score"),
                text("col.suggestionNote")));
        for (UnmatchedReceipt u : receipts) {
            List<Object> receipt = java.util.Arrays.asList(u.system(), nz(u.documentNo()), u.date(), nz(u.customerCode()),
                    nz(u.currency()), u.amount(), reportCurrency, u.localAmount(), nz(u.memo()), texts.state(u.state(), locale),
                    texts.ledgerReason(u.ledgerReason(), locale), nz(u.namedOpportunity()));
            if (u.suggestions().isEmpty()) {
                List<Object> v = new ArrayList<>(receipt);
                v.addAll(java.util.Arrays.asList(text("suggestion.none"), null, ""));
                t.row(v.toArray());
            }
            for (Suggestion s : u.suggestions()) {
                String parts = s.split() ? s.opportunityNos().stream().collect(Collectors.joining(" + ")) : s.opportunityNos().get(0);
                List<String> notes = new ArrayList<>();
                if (s.ambiguous()) notes.add(text("suggestion.ambiguous"));
                if (s.split()) notes.add(text("suggestion.split"));
                List<Object> v = new ArrayList<>(receipt);
                v.addAll(java.util.Arrays.asList(parts, new Score(s.score()), String.join("; ", notes)));
                t.row(v.toArray());
            }
        }
        t.finish();
    }

    private String text(String key) {
        return texts.text(key, locale);
    }

    /** A sub-cent amount (rounding), shown to the third decimal so it does not read 0.00. */
    private record Fine(BigDecimal value) {}

    /** A suggestion score, 0..1. */
    private record Score(BigDecimal value) {}

    private static String nz(String s) { return s == null ? "" : s; }

    private static final class Styles {
        final CellStyle header;
        final CellStyle money;
        final CellStyle fine;
        final CellStyle score;
        final CellStyle text;
        final SpreadsheetText safe;
        final CellStyle date;
        final CellStyle count;
        final CellStyle alarm;

        Styles(SXSSFWorkbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            money = wb.createCellStyle();
            money.setDataFormat(wb.createDataFormat().getFormat("#,##0.00;[Red]-#,##0.00"));
            fine = wb.createCellStyle();
            fine.setDataFormat(wb.createDataFormat().getFormat("#,##0.000;[Red]-#,##0.000"));
            score = wb.createCellStyle();
            score.setDataFormat(wb.createDataFormat().getFormat("0.0000"));
            text = wb.createCellStyle();
            text.setDataFormat(wb.createDataFormat().getFormat("@"));
            safe = new SpreadsheetText(wb);
            count = wb.createCellStyle();
            count.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
            date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            Font red = wb.createFont();
            red.setBold(true);
            red.setColor(IndexedColors.WHITE.getIndex());
            alarm = wb.createCellStyle();
            alarm.setFont(red);
            alarm.setFillForegroundColor(IndexedColors.RED.getIndex());
            alarm.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        }
    }

    /** A sheet with a frozen, filtered header row; tracks the widest text per column to size the columns. */
    private static final class Table {
        private final SXSSFSheet sheet;
        private final Styles styles;
        private final int[] widths;
        private int next;
        private Row last;

        Table(SXSSFSheet sheet, Styles styles, List<String> headers) {
            this.sheet = sheet;
            this.styles = styles;
            this.widths = new int[headers.size()];
            Row row = sheet.createRow(next++);
            for (int i = 0; i < headers.size(); i++) {
                Cell cell = row.createCell(i);
                cell.setCellValue(headers.get(i));
                cell.setCellStyle(styles.header);
                widen(i, headers.get(i));
            }
            sheet.createFreezePane(0, 1);
            // Printed (and converted to PDF) landscape, all columns on one page width, header repeated.
            sheet.getPrintSetup().setLandscape(true);
            sheet.setFitToPage(true);
            sheet.getPrintSetup().setFitWidth((short) 1);
            sheet.getPrintSetup().setFitHeight((short) 0);
            sheet.setRepeatingRows(new CellRangeAddress(0, 0, 0, headers.size() - 1));
        }

        void row(Object... values) {
            last = sheet.createRow(next++);
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v == null) continue;
                Cell cell = last.createCell(i);
                if (v instanceof Fine f) {
                    cell.setCellValue(f.value().doubleValue());
                    cell.setCellStyle(styles.fine);
                    widen(i, String.format("%,.3f", f.value()));
                } else if (v instanceof Score s) {
                    cell.setCellValue(s.value().doubleValue());
                    cell.setCellStyle(styles.score);
                    widen(i, "0.0000");
                } else if (v instanceof BigDecimal b) {
                    // POI stores numbers as IEEE doubles in the file; the value comes from the BigDecimal unchanged.
                    cell.setCellValue(b.doubleValue());
                    cell.setCellStyle(styles.money);
                    widen(i, String.format("%,.2f", b));
                } else if (v instanceof Long n) {
                    cell.setCellValue(n);
                    cell.setCellStyle(styles.count);
                    widen(i, n.toString());
                } else if (v instanceof LocalDate d) {
                    cell.setCellValue(d);
                    cell.setCellStyle(styles.date);
                    widen(i, "2026-10-31");
                } else {
                    String s = v.toString();
                    cell.setCellStyle(styles.text);
                    styles.safe.set(cell, s);
                    widen(i, s);
                }
            }
        }

        void alarmLastRow() {
            last.forEach(c -> c.setCellStyle(styles.alarm));
        }

        void finish() {
            if (next > 0) sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, next - 1), 0, widths.length - 1));
            for (int i = 0; i < widths.length; i++) sheet.setColumnWidth(i, Math.min(MAX_WIDTH, widths[i] + 3) * 256);
        }

        /** Width in characters; CJK characters take two. */
        private void widen(int column, String s) {
            int w = 0;
            for (int i = 0; i < s.length(); i++) w += s.charAt(i) > 0x2E80 ? 2 : 1;
            widths[column] = Math.max(widths[column], w);
        }
    }
}
