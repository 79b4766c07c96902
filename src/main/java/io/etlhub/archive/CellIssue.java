package io.etlhub.archive;

import java.util.StringJoiner;

/**
 * One line of the error report: a changed or rejected cell, a rejected row, a row merged into an
 * earlier row of its company, a company merged into (or found unchanged in) the CRM, a column the
 * mapping does not know, or a skipped sheet. {@code reason} is a message key (i18n/archive),
 * {@code detail} its arguments, separated by tabs ({@link #args}).
 */
public record CellIssue(String sheet, int row, String column, String original, String value, Kind kind, String reason, String detail) {
    public enum Kind { CHANGED, REJECTED_CELL, REJECTED_ROW, DUPLICATE, CRM_MERGED, CRM_UNCHANGED, UNMAPPED_COLUMN, SHEET_SKIPPED }

    /** The arguments of a reason as one detail text. */
    static String args(Object... args) {
        StringJoiner j = new StringJoiner("\t");
        for (Object a : args) j.add(String.valueOf(a));
        return j.toString();
    }
}
