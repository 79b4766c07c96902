package io.etlhub.archive;

/**
 * One line of the error report: a changed or rejected cell, a rejected or duplicate row, or a
 * skipped sheet. {@code reason} is a message key (i18n/archive), {@code detail} its argument.
 */
public record CellIssue(String sheet, int row, String column, String original, String value, Kind kind, String reason, String detail) {
    public enum Kind { CHANGED, REJECTED_CELL, REJECTED_ROW, DUPLICATE, SHEET_SKIPPED }
}
