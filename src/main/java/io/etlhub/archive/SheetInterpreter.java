package io.etlhub.archive;

import org.apache.poi.ss.util.CellReference;

import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns raw sheet rows into {@link ArchiveRow}s: finds each sheet's header row by the mapping's
 * aliases (listing every column it does not know), then normalises every mapped cell, carrying
 * values down in grouped columns, checking each value against its CRM column, and noting every
 * change or rejection as a {@link CellIssue} with its sheet, row and column.
 */
public final class SheetInterpreter implements SheetRowSink {
    private final ArchiveMapping mapping;
    private final Consumer<ArchiveRow> rows;
    private final Consumer<CellIssue> issues;
    private final long maxRows;
    private final ArchiveMessages messages;
    private final CrmColumnLimits limits;
    private final Map<String, String> aliasToField = new HashMap<>();
    private final Map<String, FieldRule> rules = new HashMap<>();
    private final PhoneRule anyPhone = new PhoneRule(false);
    /** Where a landline found in a mobile column goes: the first field with rule phone. */
    private final String landlineField;
    private final Set<String> unmapped = new LinkedHashSet<>();

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
        this(mapping, maxRows, messages, CrmColumnLimits.NONE, rows, issues);
    }

    public SheetInterpreter(ArchiveMapping mapping, long maxRows, ArchiveMessages messages, CrmColumnLimits limits,
                            Consumer<ArchiveRow> rows, Consumer<CellIssue> issues) {
        this.mapping = mapping;
        this.maxRows = maxRows;
        this.messages = messages;
        this.limits = limits;
        this.rows = rows;
        this.issues = issues;
        String landline = null;
        for (Map.Entry<String, ArchiveMapping.Field> e : mapping.fields().entrySet()) {
            rules.put(e.getKey(), FieldRules.named(e.getValue().rule()));
            for (String alias : e.getValue().aliases()) aliasToField.putIfAbsent(ArchiveMapping.headerKey(alias), e.getKey());
            if (landline == null && "phone".equals(e.getValue().rule())) landline = e.getKey();
        }
        this.landlineField = landline;
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
    public void row(int rowNumber, String[] cells, BitSet formulas, BitSet errors) {
        if (sheetSkipped || isBlank(cells)) return;
        anyCell = true;
        rowsSeen++;
        if (columns == null) {
            tryHeader(rowNumber, cells);
            return;
        }
        if (++dataRows > maxRows) throw messages.failure("archive.error.too-many-rows", null, maxRows);
        rows.accept(interpret(rowNumber, cells, formulas, errors));
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

    /** The headers of columns no field of the mapping knows, each once, over every sheet read. */
    public Set<String> unmappedColumns() { return unmapped; }

    private void tryHeader(int rowNumber, String[] cells) {
        Map<Integer, String> found = new LinkedHashMap<>();
        Map<Integer, String> text = new HashMap<>();
        for (int c = 0; c < cells.length; c++) {
            String field = cells[c] == null ? null : aliasToField.get(ArchiveMapping.headerKey(cells[c]));
            if (field != null && !found.containsValue(field)) {
                found.put(c, field);
                text.put(c, label(c, cells[c]));
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
            for (int c = 0; c < cells.length; c++) {
                if (found.containsKey(c) || cells[c] == null || cells[c].isBlank()) continue;
                // Read by no field (an unknown header, or a second column of the same field): its values are not imported.
                unmapped.add(cells[c].trim());
                issues.accept(new CellIssue(sheet, rowNumber, label(c, cells[c]), cells[c].trim(), null, CellIssue.Kind.UNMAPPED_COLUMN,
                        "archive.reason.unmapped-column", null));
            }
        } else if (rowsSeen >= mapping.headerSearchRowsOr(20)) {
            sheetSkipped = true;
            issues.accept(new CellIssue(sheet, 0, null, null, null, CellIssue.Kind.SHEET_SKIPPED, "archive.reason.no-header",
                    String.valueOf(mapping.minHeaderMatchesOr(2))));
        }
    }

    /** The report's column label, e.g. "C 手机". */
    private static String label(int column, String header) {
        return CellReference.convertNumToColString(column) + " " + header.trim();
    }

    private ArchiveRow interpret(int rowNumber, String[] cells, BitSet formulas, BitSet errors) {
        Map<String, String> values = new LinkedHashMap<>();
        String rowReject = null;
        String rejectColumn = null;
        String rejectDetail = null;
        String[] landline = null; // {column, original, value} of a landline typed into a mobile column
        String mobileField = null;
        for (Map.Entry<Integer, String> e : columns.entrySet()) {
            int c = e.getKey();
            String field = e.getValue();
            ArchiveMapping.Field f = mapping.fields().get(field);
            String raw = c < cells.length && cells[c] != null ? cells[c] : "";
            String column = headerText.get(c);
            Cleaned cleaned;
            if (errors.get(c)) {
                // A formula error (#N/A, #DIV/0!...) says nothing about the customer: an empty cell, reported with its error.
                issues.accept(new CellIssue(sheet, rowNumber, column, raw, null, CellIssue.Kind.REJECTED_CELL, "archive.reason.formula-error", raw));
                cleaned = Cleaned.BLANK;
            } else {
                if (formulas.get(c)) {
                    issues.accept(new CellIssue(sheet, rowNumber, column, raw, raw, CellIssue.Kind.CHANGED, "archive.reason.formula", null));
                }
                if (raw.isBlank() && f.isCarryDown() && carried.containsKey(field)) {
                    values.put(field, carried.get(field));
                    continue;
                }
                cleaned = raw.isBlank() ? Cleaned.BLANK : rules.get(field).apply(raw);
            }
            if (cleaned.rejected() && "mobile".equals(f.rule()) && anyPhone.apply(raw).value() != null) {
                // A landline in the 手机 column is still the customer's phone: kept, as a landline.
                landline = new String[] {column, raw, anyPhone.apply(raw).value()};
                mobileField = field;
                continue;
            }
            if (cleaned.rejected()) {
                issues.accept(new CellIssue(sheet, rowNumber, column, raw, null, CellIssue.Kind.REJECTED_CELL, cleaned.rejectReason(), null));
                if (f.isRequired() && rowReject == null) {
                    rowReject = cleaned.rejectReason();
                    rejectColumn = column;
                }
                continue;
            }
            if (cleaned.value() == null) {
                if (f.isRequired() && rowReject == null) {
                    rowReject = "archive.reason.required";
                    rejectColumn = column;
                }
                continue;
            }
            String[] tooBig = limits.check(field, cleaned.value());
            if (tooBig != null) {
                issues.accept(new CellIssue(sheet, rowNumber, column, raw, null, CellIssue.Kind.REJECTED_CELL, tooBig[0], tooBig[1]));
                if (rowReject == null) {
                    rowReject = tooBig[0];
                    rejectColumn = column;
                    rejectDetail = tooBig[1];
                }
                continue;
            }
            if (!rules.get(field).unchanged(raw, cleaned.value())) {
                issues.accept(new CellIssue(sheet, rowNumber, column, raw, cleaned.value(), CellIssue.Kind.CHANGED, "archive.reason.normalised", f.rule()));
            }
            values.put(field, cleaned.value());
            if (f.isCarryDown()) carried.put(field, cleaned.value());
        }
        if (landline != null) keepLandline(rowNumber, values, mobileField, landline);
        if (rowReject != null) {
            issues.accept(new CellIssue(sheet, rowNumber, rejectColumn, null, null, CellIssue.Kind.REJECTED_ROW, rowReject, rejectDetail));
        }
        return new ArchiveRow(sheet, rowNumber, values, rowReject);
    }

    /** Stores the landline in the landline field when that is blank (or already holds it), else leaves it in the mobile field. */
    private void keepLandline(int rowNumber, Map<String, String> values, String mobileField, String[] landline) {
        String target = landlineField == null || (values.containsKey(landlineField) && !values.get(landlineField).equals(landline[2]))
                ? mobileField : landlineField;
        values.put(target, landline[2]);
        String label = mapping.fields().get(target).aliases().get(0);
        issues.accept(new CellIssue(sheet, rowNumber, landline[0], landline[1], landline[2], CellIssue.Kind.CHANGED,
                "archive.reason.landline-in-mobile", label));
    }

    private static boolean isBlank(String[] cells) {
        for (String c : cells) if (c != null && !c.isBlank()) return false;
        return true;
    }
}
