package io.etlhub.archive;

import java.util.BitSet;

/** Receives a workbook row by row from a streaming reader. */
public interface SheetRowSink {
    void startSheet(String name);

    /** The sheet's last row number as the file declares it (for progress); may not come at all. */
    default void declaredRows(int rows) {}

    /**
     * One row with at least one cell. {@code rowNumber} is 1-based as Excel shows it; {@code cells}
     * by 0-based column (null = no cell); {@code formulas} marks cells that held a formula;
     * {@code errors} marks error cells (#N/A, #DIV/0!...), whose text is the error as Excel shows it.
     */
    void row(int rowNumber, String[] cells, BitSet formulas, BitSet errors);

    void endSheet();
}
