package io.etlhub.archive;

import org.apache.poi.ss.util.CellReference;

import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns raw sheet rows into {@link ArchiveRow}s: finds each sheet's header row by the mapping's
 * aliases, then normalises every mapped cell, carrying values down in grouped columns and noting
 * every change or rejection as a {@link CellIssue}.
 */
public final class SheetInterpreter implements SheetRowSink {
    private final ArchiveMapping mapping;
    private final Consumer<ArchiveRow> rows;
    private final Consumer<CellIssue> issues;
    private final long maxRows;
    private final ArchiveMessages messages;
    private final Map<String, String> aliasToField = new HashMap<>();
    private final Map<String, FieldRule> rules = new HashMap<>();

    private String sheet;
    private Map<Integer, String> columns;
    private Map<Integer, String> headerText;
    private Map<String, String> carried;
    private boolean sheetSkipped;
    private int rowsSeen;
    private long dataRows;
    private long totalDeclared;
    private int sheetsWithHeader;
    private boolean anyCell;

    public SheetInterpreter(ArchiveMapping mapping, long maxRows, ArchiveMessages messages,
                            Consumer<ArchiveRow> rows, Consumer<CellIssue> issues) {
        this.mapping = mapping;
        this.maxRows = maxRows;
        this.messages = messages;
        this.rows = rows;
        this.issues = issues;
        mapping.fields().forEach((field, f) -> {
            rules.put(field, FieldRules.named(f.rule()));
            for (String alias : f.aliases()) aliasToField.putIfAbsent(ArchiveMapping.headerKey(alias), field);
        });
    }

    @Override
    public void startSheet(String name) {
        sheet = name;
        columns = null;
        carried = new HashMap<>();
        sheetSkipped = false;
        rowsSeen = 0;
    }

    @Override
    public void declaredRows(int rows) { totalDeclared += rows; }

    @Override
    public void row(int rowNumber, String[] cells, BitSet formulas) {
        if (sheetSkipped || isBlank(cells)) return;
        anyCell = true;
        rowsSeen++;
        if (columns == null) {
            tryHeader(rowNumber, cells);
            return;
        }
        if (++dataRows > maxRows) throw messages.failure("archive.error.too-many-rows", null, maxRows);
        rows.accept(interpret(rowNumber, cells, formulas));
    }

    @Override
    public void endSheet() {
        if (columns == null && !sheetSkipped && rowsSeen > 0) {
            issues.accept(new CellIssue(sheet, 0, null, null, null, CellIssue.Kind.SHEET_SKIPPED, "archive.reason.no-header",
                    String.valueOf(mapping.minHeaderMatchesOr(2))));
        }
    }

    /** Rows of every sheet after the header rows; the number the file declared (0 if none). */
    public long dataRows() { return dataRows; }

    public long declaredRows() { return totalDeclared; }

    public int sheetsWithHeader() { return sheetsWithHeader; }

    public boolean anyCell() { return anyCell; }

    private void tryHeader(int rowNumber, String[] cells) {
        Map<Integer, String> found = new LinkedHashMap<>();
        Map<Integer, String> text = new HashMap<>();
        for (int c = 0; c < cells.length; c++) {
            String field = cells[c] == null ? null : aliasToField.get(ArchiveMapping.headerKey(cells[c]));
            if (field != null && !found.containsValue(field)) {
                found.put(c, field);
                // The report's column label, e.g. "C 手机".
                text.put(c, CellReference.convertNumToColString(c) + " " + cells[c].trim());
            }
        }
        if (found.size() >= mapping.minHeaderMatchesOr(2)) {
            List<String> missing = mapping.fields().entrySet().stream()
                    .filter(e -> e.getValue().isRequired() && !found.containsValue(e.getKey()))
                    .map(e -> e.getValue().aliases().get(0)).toList();
            if (!missing.isEmpty()) {
                sheetSkipped = true;
                issues.accept(new CellIssue(sheet, rowNumber, null, null, null, CellIssue.Kind.SHEET_SKIPPED,
                        "archive.reason.missing-column", String.join("、", missing)));
                return;
            }
            columns = found;
            headerText = text;
            sheetsWithHeader++;
        } else if (rowsSeen >= mapping.headerSearchRowsOr(20)) {
            sheetSkipped = true;
            issues.accept(new CellIssue(sheet, 0, null, null, null, CellIssue.Kind.SHEET_SKIPPED, "archive.reason.no-header",
                    String.valueOf(mapping.minHeaderMatchesOr(2))));
        }
    }

    private ArchiveRow interpret(int rowNumber, String[] cells, BitSet formulas) {
        Map<String, String> values = new LinkedHashMap<>();
        String rowReject = null;
        for (Map.Entry<Integer, String> e : columns.entrySet()) {
            int c = e.getKey();
            String field = e.getValue();
            ArchiveMapping.Field f = mapping.fields().get(field);
            String raw = c < cells.length && cells[c] != null ? cells[c] : "";
            String column = headerText.get(c);
            if (c < cells.length && formulas.get(c)) {
                issues.accept(new CellIssue(sheet, rowNumber, column, raw, raw, CellIssue.Kind.CHANGED, "archive.reason.formula", null));
            }
            if (raw.isBlank() && f.isCarryDown() && carried.containsKey(field)) {
                values.put(field, carried.get(field));
                continue;
            }
            Cleaned cleaned = raw.isBlank() || "#ERROR".equals(raw) && formulas.get(c)
                    ? (raw.isBlank() ? Cleaned.BLANK : Cleaned.reject("archive.reason.formula-error"))
                    : rules.get(field).apply(raw);
            if (cleaned.rejected()) {
                issues.accept(new CellIssue(sheet, rowNumber, column, raw, null, CellIssue.Kind.REJECTED_CELL, cleaned.rejectReason(), null));
                if (f.isRequired() && rowReject == null) rowReject = cleaned.rejectReason();
                continue;
            }
            if (cleaned.value() == null) {
                if (f.isRequired() && rowReject == null) rowReject = "archive.reason.required";
                continue;
            }
            if (!rules.get(field).unchanged(raw, cleaned.value())) {
                issues.accept(new CellIssue(sheet, rowNumber, column, raw, cleaned.value(), CellIssue.Kind.CHANGED, "archive.reason.normalised", f.rule()));
            }
            values.put(field, cleaned.value());
            if (f.isCarryDown()) carried.put(field, cleaned.value());
        }
        if (rowReject != null) {
            issues.accept(new CellIssue(sheet, rowNumber, null, null, null, CellIssue.Kind.REJECTED_ROW, rowReject, null));
        }
        return new ArchiveRow(sheet, rowNumber, values, rowReject);
    }

    private static boolean isBlank(String[] cells) {
        for (String c : cells) if (c != null && !c.isBlank()) return false;
        return true;
    }
}
