package io.etlhub.archive;

import java.util.Arrays;
import java.util.BitSet;

/** Collects the cells of the current row for a {@link SheetRowSink}; reused from row to row. */
final class RowBuffer {
    private final SheetRowSink sink;
    private String[] cells = new String[32];
    private final BitSet formulas = new BitSet();
    private final BitSet errors = new BitSet();
    private int width;
    private int rowNumber = -1;

    RowBuffer(SheetRowSink sink) {
        this.sink = sink;
    }

    void cell(int row, int column, String value, boolean formula) {
        cell(row, column, value, formula, false);
    }

    /** {@code error}: an error cell, {@code value} the error as Excel shows it (#N/A). */
    void cell(int row, int column, String value, boolean formula, boolean error) {
        if (row != rowNumber) flush();
        rowNumber = row;
        if (column >= cells.length) cells = Arrays.copyOf(cells, Math.max(column + 1, cells.length * 2));
        cells[column] = value;
        if (formula) formulas.set(column);
        if (error) errors.set(column);
        width = Math.max(width, column + 1);
    }

    void flush() {
        if (rowNumber >= 0 && width > 0) {
            sink.row(rowNumber + 1, Arrays.copyOf(cells, width), (BitSet) formulas.clone(), (BitSet) errors.clone());
        }
        Arrays.fill(cells, 0, width, null);
        formulas.clear();
        errors.clear();
        width = 0;
        rowNumber = -1;
    }
}
