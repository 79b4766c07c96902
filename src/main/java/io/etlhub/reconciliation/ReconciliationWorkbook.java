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
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;

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
 * differences with their reasons, the unmatched receipts with suggestions. Headers in the report's
 * language (Chinese by default), money formats, frozen headers, auto-filters, widths that fit. Amounts
 * are numeric cells from BigDecimal; text from the source is always a text cell, and text starting with
 * = + - @ is quote-prefixed so no spreadsheet ever reads it as a formula.
 */
final class ReconciliationWorkbook {
    private static final int MAX_WIDTH = 60;

    private final MessageSource messages;
    private final Locale locale;

    ReconciliationWorkbook(MessageSource messages, Locale locale) {
        this.messages = messages;
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
            levels(wb, styles, "sheet.totals", report.totals(), false);
            levels(wb, styles, "sheet.customers", report.customers(), false);
            levels(wb, styles, "sheet.opportunities", report.opportunities(), true);
            differences(wb, styles, report.differences());
            unmatched(wb, styles, report.unmatched());
            try (OutputStream out = Files.newOutputStream(tmp)) {
                wb.write(out);
            }
            wb.dispose();
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void summary(SXSSFWorkbook wb, Styles styles, ReconciliationReport r) {
        Table t = new Table(wb.createSheet(text("sheet.summary")), styles, List.of(text("col.item"), text("col.value")));
        t.row(text("summary.period"), r.period().label() + " (" + r.period().from() + " ~ " + r.period().to() + ")");
        t.row(text("summary.reportCurrency"), r.reportCurrency());
        ReconciliationReport.ControlTotal c = r.control();
        t.row(text("summary.documents"), c.documents());
        t.row(text("summary.erpReceipts"), c.erpReceipts());
        t.row(text("summary.matched"), c.matched());
        t.row(text("summary.unmatched"), c.unmatched());
        t.row(text("summary.dismissed"), c.dismissed());
        t.row(text("summary.controlDifference"), c.difference());
        t.row(text("summary.controlStatus"), c.balanced() ? text("summary.balanced") : text("summary.notBalanced"));
        if (!c.balanced()) t.alarmLastRow();
        for (AmountLine total : r.totals()) {
            t.row(text("summary.currency"), total.currency());
            t.row(text("col.signedInPeriod"), total.signedInPeriod());
            t.row(text("col.signedCumulative"), total.signedCumulative());
            t.row(text("col.erpReceivedLocal"), total.erpReceivedLocal());
            t.row(text("col.erpUnmatchedLocal"), total.erpUnmatchedLocal());
            t.row(text("col.erpReceivedToDate"), total.erpReceivedToDate());
            t.row(text("col.crmReceived"), total.crmReceived());
            t.row(text("col.outstanding"), total.outstanding());
            t.row(text("col.deviation"), total.deviation());
            t.row(text("col.deviationPercent"), total.deviationPercent());
        }
        t.finish();
    }

    private void levels(SXSSFWorkbook wb, Styles styles, String sheet, List<AmountLine> lines, boolean opportunities) {
        List<String> headers = new ArrayList<>(List.of(text("col.customerCode"), text("col.customerName")));
        if (opportunities) headers.addAll(List.of(text("col.opportunityNo"), text("col.stage")));
        headers.addAll(List.of(text("col.currency"), text("col.signedInPeriod"), text("col.signedCumulative"),
                text("col.erpReceivedLocal"), text("col.erpUnmatchedLocal"), text("col.erpReceivedToDate"),
                text("col.crmReceived"), text("col.outstanding"), text("col.deviation"), text("col.deviationPercent")));
        Table t = new Table(wb.createSheet(text(sheet)), styles, headers);
        for (AmountLine l : lines) {
            List<Object> v = new ArrayList<>(List.of(nz(l.customerCode()), nz(l.customerName())));
            if (opportunities) { v.add(nz(l.opportunityNo())); v.add(nz(l.stage())); }
            v.addAll(java.util.Arrays.asList(l.currency(), l.signedInPeriod(), l.signedCumulative(), l.erpReceivedLocal(),
                    l.erpUnmatchedLocal(), l.erpReceivedToDate(), l.crmReceived(), l.outstanding(), l.deviation(),
                    l.deviationPercent()));
            t.row(v.toArray());
        }
        t.finish();
    }

    private void differences(SXSSFWorkbook wb, Styles styles, List<Difference> differences) {
        Table t = new Table(wb.createSheet(text("sheet.differences")), styles, List.of(text("col.reasonCode"), text("col.reason"),
                text("col.system"), text("col.documentNo"), text("col.customerCode"), text("col.opportunityNo"),
                text("col.currency"), text("col.amount"), text("col.detail")));
        for (Difference d : differences) {
            t.row(d.reason().name(), text("reason." + d.reason().name()), nz(d.system()), nz(d.documentNo()),
                    nz(d.customerCode()), nz(d.opportunityNo()), nz(d.currency()), d.amount(), nz(d.detail()));
        }
        t.finish();
    }

    private void unmatched(SXSSFWorkbook wb, Styles styles, List<UnmatchedReceipt> receipts) {
        Table t = new Table(wb.createSheet(text("sheet.unmatched")), styles, List.of(text("col.system"), text("col.documentNo"),
                text("col.date"), text("col.customerCode"), text("col.currency"), text("col.amount"),
                text("col.localAmount"), text("col.memo"), text("col.state"), text("col.ledgerReason"),
                text("col.suggestion"), text("col.score"), text("col.suggestionNote")));
        for (UnmatchedReceipt u : receipts) {
            if (u.suggestions().isEmpty()) {
                t.row(u.system(), nz(u.documentNo()), u.date(), nz(u.customerCode()), nz(u.currency()), u.amount(),
                        u.localAmount(), nz(u.memo()), u.state(), nz(u.ledgerReason()), "", null, "");
            }
            for (Suggestion s : u.suggestions()) {
                String parts = s.split() ? s.opportunityNos().stream().collect(Collectors.joining(" + ")) : s.opportunityNos().get(0);
                List<String> notes = new ArrayList<>();
                if (s.ambiguous()) notes.add(text("suggestion.ambiguous"));
                if (s.split()) notes.add(text("suggestion.split"));
                t.row(u.system(), nz(u.documentNo()), u.date(), nz(u.customerCode()), nz(u.currency()), u.amount(),
                        u.localAmount(), nz(u.memo()), u.state(), nz(u.ledgerReason()), parts, s.score(), String.join("; ", notes));
            }
        }
        t.finish();
    }

    private String text(String key) {
        return messages.getMessage("reconciliation." + key, null, key, locale);
    }

    private static String nz(String s) { return s == null ? "" : s; }

    /** Quote-prefix text that a spreadsheet would otherwise take for a formula. */
    static boolean looksLikeFormula(String s) {
        return !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0;
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle money;
        final CellStyle text;
        final CellStyle quoted;
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
            text = wb.createCellStyle();
            text.setDataFormat(wb.createDataFormat().getFormat("@"));
            quoted = wb.createCellStyle();
            quoted.setDataFormat(wb.createDataFormat().getFormat("@"));
            quoted.setQuotePrefixed(true);
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
                if (v instanceof BigDecimal b) {
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
                    cell.setCellValue(s);
                    cell.setCellStyle(looksLikeFormula(s) ? styles.quoted : styles.text);
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
