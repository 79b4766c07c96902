package io.etlhub.quality;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import io.etlhub.pipeline.SpreadsheetText;
import org.springframework.context.MessageSource;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report as an .xlsx: a summary sheet (metrics, verdicts, month-on-month change, a 12-month
 * trend table and one line chart per metric) and one findings sheet per rule, worst owner first.
 */
public class HealthWorkbook {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final MessageSource messages;
    private final Locale locale;
    /** Every text cell goes through it: finding texts come from the CRM (formula-like text quoted). */
    private SpreadsheetText safe;

    public HealthWorkbook(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    // Every finding row needs its problem text: look each pattern up once (a lookup walks every bundle
    // of spring.messages.basename) and format it here.
    private final Map<String, java.text.MessageFormat> formats = new java.util.HashMap<>();

    private String t(String key, Object... args) {
        java.text.MessageFormat format = formats.computeIfAbsent(key,
                k -> new java.text.MessageFormat(messages.getMessage(k, null, k, locale).replace("'", "''"), locale));
        return format.format(args == null ? new Object[0] : args);
    }

    public void write(HealthReport report, Map<String, Map<YearMonth, BigDecimal>> trend, YearMonth last, int months,
                      OutputStream out) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            safe = new SpreadsheetText(wb);
            Styles styles = new Styles(wb);
            XSSFSheet summary = wb.createSheet(WorkbookUtil.createSafeSheetName(t("quality.sheet.summary")));
            int rowNo = summaryTable(report, summary, styles);
            trendTableAndCharts(summary, trend, last, months, rowNo + 2, styles);
            // printed: the summary table alone on page one (the trend and charts after it), headers on every page
            printOnPageWidth(summary, 3);
            summary.setRowBreak(rowNo - 1);
            // The findings sheets (tens of thousands of rows) are streamed: the summary and its charts stay in memory.
            SXSSFWorkbook streamed = new SXSSFWorkbook(wb, 200);
            try {
                Set<String> names = new HashSet<>();
                for (Map.Entry<String, List<HealthReport.StoredFinding>> e : report.findings().entrySet()) {
                    findingsSheet(streamed, names, e.getKey(), e.getValue(), notConfigured(report, e.getKey()), styles);
                }
                streamed.write(out);
            } finally {
                streamed.dispose();
            }
        }
    }

    private int summaryTable(HealthReport report, XSSFSheet sheet, Styles styles) {
        Row title = sheet.createRow(0);
        cell(title, 0, t("quality.report.title", report.period()), styles.title);
        Row sub = sheet.createRow(1);
        cell(sub, 0, t("quality.report.generated", report.generatedAt().format(TIME)), null);
        String[] headers = {"quality.header.metric", "quality.header.value", "quality.header.unit", "quality.header.green",
                "quality.header.amber", "quality.header.verdict", "quality.header.previous", "quality.header.change",
                "quality.header.numerator", "quality.header.denominator", "quality.header.details"};
        Row head = sheet.createRow(3);
        for (int i = 0; i < headers.length; i++) cell(head, i, t(headers[i]), styles.header);
        int r = 4;
        for (HealthReport.MetricLine m : report.metrics()) {
            Row row = sheet.createRow(r++);
            cell(row, 0, t("quality.metric." + m.metricId()), null);
            number(row, 1, m.value(), styles.number);
            cell(row, 2, t("quality.unit." + m.unit()), null);
            number(row, 3, m.green(), styles.number);
            number(row, 4, m.amber(), styles.number);
            cell(row, 5, t("quality.verdict." + m.verdict().name()), styles.verdict(m.verdict()));
            number(row, 6, m.previous(), styles.number);
            number(row, 7, m.change(), styles.number);
            if (m.numerator() != null) row.createCell(8).setCellValue(m.numerator());
            if (m.denominator() != null) row.createCell(9).setCellValue(m.denominator());
            // A rule that was not run says why (switched off, table or column missing) where the details go.
            String details = m.notConfigured() != null ? t(m.notConfigured(), m.notConfiguredArgs().toArray())
                    : m.details() == null ? "" : m.details();
            cell(row, 10, details, null);
        }
        sheet.setColumnWidth(0, 30 * 256);
        for (int i = 1; i < 10; i++) sheet.setColumnWidth(i, 12 * 256);
        sheet.setColumnWidth(10, 40 * 256);
        return r;
    }

    private void trendTableAndCharts(XSSFSheet sheet, Map<String, Map<YearMonth, BigDecimal>> trend, YearMonth last, int months,
                                     int top, Styles styles) {
        cell(sheet.createRow(top), 0, t("quality.report.trend", months), styles.title);
        Row head = sheet.createRow(top + 1);
        cell(head, 0, t("quality.header.metric"), styles.header);
        List<YearMonth> axis = new ArrayList<>();
        for (int i = months - 1; i >= 0; i--) axis.add(last.minusMonths(i));
        for (int i = 0; i < axis.size(); i++) cell(head, i + 1, axis.get(i).toString(), styles.header);
        int r = top + 2;
        List<String> ids = new ArrayList<>(trend.keySet());
        for (String id : ids) {
            Row row = sheet.createRow(r++);
            cell(row, 0, t("quality.metric." + id), null);
            for (int i = 0; i < axis.size(); i++) number(row, i + 1, trend.get(id).get(axis.get(i)), styles.number);
        }
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        int chartTop = r + 1;
        for (int k = 0; k < ids.size(); k++) {
            int rowOfSeries = top + 2 + k;
            int col = (k % 2) * 7;
            int rowAt = chartTop + (k / 2) * 16;
            XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, col, rowAt, col + 7, rowAt + 15);
            XSSFChart chart = drawing.createChart(anchor);
            chart.setTitleText(t("quality.metric." + ids.get(k)));
            chart.setTitleOverlay(false);
            chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
            XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
            XDDFValueAxis y = chart.createValueAxis(AxisPosition.LEFT);
            var categories = XDDFDataSourcesFactory.fromStringCellRange(sheet, new CellRangeAddress(top + 1, top + 1, 1, axis.size()));
            XDDFNumericalDataSource<Double> values = XDDFDataSourcesFactory.fromNumericCellRange(sheet,
                    new CellRangeAddress(rowOfSeries, rowOfSeries, 1, axis.size()));
            XDDFLineChartData data = (XDDFLineChartData) chart.createData(ChartTypes.LINE, x, y);
            XDDFLineChartData.Series series = (XDDFLineChartData.Series) data.addSeries(categories, values);
            series.setTitle(t("quality.metric." + ids.get(k)), null);
            series.setSmooth(false);
            chart.plot(data);
        }
    }

    /** "Not configured: why" for a rule that was not run, else null. */
    private String notConfigured(HealthReport report, String ruleId) {
        return report.metrics().stream().filter(m -> m.metricId().equals(ruleId) && m.notConfigured() != null).findFirst()
                .map(m -> t("quality.verdict.NOT_CONFIGURED") + ": " + t(m.notConfigured(), m.notConfiguredArgs().toArray()))
                .orElse(null);
    }

    private void findingsSheet(SXSSFWorkbook wb, Set<String> names, String ruleId, List<HealthReport.StoredFinding> findings,
                               String notConfigured, Styles styles) {
        String name = WorkbookUtil.createSafeSheetName(t("quality.metric." + ruleId));
        while (!names.add(name)) name = WorkbookUtil.createSafeSheetName(name + "_");
        Sheet sheet = wb.createSheet(name);
        String[] headers = {"quality.header.record-id", "quality.header.record-no", "quality.header.owner", "quality.header.problem",
                "quality.header.since"};
        Row head = sheet.createRow(0);
        for (int i = 0; i < headers.length; i++) cell(head, i, t(headers[i]), styles.header);
        int r = 1;
        for (HealthReport.StoredFinding f : findings) {
            Row row = sheet.createRow(r++);
            cell(row, 0, f.recordId(), null);
            cell(row, 1, f.recordNo(), null);
            cell(row, 2, io.etlhub.connector.Blanks.isBlank(f.owner()) ? t("quality.owner.none") : f.owner(), null);
            cell(row, 3, t(f.problem(), f.args().toArray()), null);
            cell(row, 4, f.since() == null ? "" : f.since().format(TIME), null);
        }
        if (findings.isEmpty()) cell(sheet.createRow(1), 0, notConfigured != null ? notConfigured : t("quality.findings.none"), null);
        sheet.setColumnWidth(0, 14 * 256);
        sheet.setColumnWidth(1, 22 * 256);
        sheet.setColumnWidth(2, 14 * 256);
        sheet.setColumnWidth(3, 60 * 256);
        sheet.setColumnWidth(4, 18 * 256);
        sheet.createFreezePane(0, 1);
        printOnPageWidth(sheet, 0);
    }

    /**
     * Print setup of a sheet: landscape A4, every column scaled onto the page width (as many pages tall as it needs)
     * and rows 0..lastHeaderRow repeated at the top of every page, so a printout is neither cut after a column nor
     * hundreds of pages of column slices.
     */
    static void printOnPageWidth(Sheet sheet, int lastHeaderRow) {
        sheet.setFitToPage(true);
        sheet.setAutobreaks(true);
        PrintSetup print = sheet.getPrintSetup();
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setLandscape(true);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        sheet.setRepeatingRows(new CellRangeAddress(0, lastHeaderRow, -1, -1));
        sheet.setHorizontallyCenter(true);
    }

    private void cell(Row row, int col, String value, CellStyle style) {
        safe.set(row, col, value, style);
    }

    private static void number(Row row, int col, BigDecimal value, CellStyle style) {
        if (value == null) return;
        Cell c = row.createCell(col);
        c.setCellValue(value.doubleValue()); // display only: the stored value stays a 2-decimal BigDecimal
        c.setCellStyle(style);
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle header;
        final CellStyle number;
        final CellStyle green;
        final CellStyle amber;
        final CellStyle red;

        Styles(XSSFWorkbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            title = wb.createCellStyle();
            title.setFont(bold);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            number = wb.createCellStyle();
            number.setDataFormat(wb.createDataFormat().getFormat("0.00"));
            green = fill(wb, IndexedColors.LIGHT_GREEN);
            amber = fill(wb, IndexedColors.LIGHT_ORANGE);
            red = fill(wb, IndexedColors.CORAL);
        }

        CellStyle verdict(Verdict v) {
            return switch (v) {
                case GREEN -> green;
                case AMBER -> amber;
                case RED -> red;
                case NONE, NOT_CONFIGURED -> null;
            };
        }

        private static CellStyle fill(XSSFWorkbook wb, IndexedColors color) {
            CellStyle s = wb.createCellStyle();
            s.setFillForegroundColor(color.getIndex());
            s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            return s;
        }
    }
}
