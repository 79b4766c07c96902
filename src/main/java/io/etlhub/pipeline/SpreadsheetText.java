package io.etlhub.pipeline;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;

import java.util.HashMap;
import java.util.Map;

/**
 * Writes text into the hub's workbooks (reconciliation, data health, archive report) so that no
 * spreadsheet takes it for a formula: text starting with = + - @ or a tab or carriage return (CSV/formula
 * injection) is stored as a string with the quote prefix (Excel's leading apostrophe), in a copy of
 * the cell's own style. One per workbook: it keeps the quoted copies of the styles it has used.
 */
public final class SpreadsheetText {
    private final Workbook workbook;
    private final Map<Integer, CellStyle> quoted = new HashMap<>();

    public SpreadsheetText(Workbook workbook) {
        this.workbook = workbook;
    }

    /** A new cell {@code column} of {@code row} holding {@code value} (null = empty text), in {@code style} when given. */
    public Cell set(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        if (style != null) cell.setCellStyle(style);
        return set(cell, value);
    }

    /** Puts the text into the cell; set the cell's style first, formula-like text gets its quoted copy. */
    public Cell set(Cell cell, String value) {
        String text = value == null ? "" : value;
        cell.setCellValue(text);
        if (looksLikeFormula(text)) cell.setCellStyle(quoted(cell.getCellStyle()));
        return cell;
    }

    public static boolean looksLikeFormula(String s) {
        return s != null && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0;
    }

    private CellStyle quoted(CellStyle style) {
        return quoted.computeIfAbsent((int) style.getIndex(), i -> {
            CellStyle copy = workbook.createCellStyle();
            copy.cloneStyleFrom(style);
            copy.setQuotePrefixed(true);
            return copy;
        });
    }
}
