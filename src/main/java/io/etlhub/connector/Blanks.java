package io.etlhub.connector;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What "blank" means for a text value, the same in Java and in SQL: a value is blank when nothing is
 * left after removing every Unicode white space and invisible character (ASCII spaces and control
 * white space, NBSP, the U+2000 spaces, the full-width space U+3000, zero-width characters and the
 * BOM). A placeholder (无, N/A...) matches when the value without those characters equals it, ignoring
 * case. The SQL compares lengths and binary strings, so the answer does not depend on the column's
 * collation (PAD SPACE, width- or accent-insensitive collations).
 */
public final class Blanks {
    /** Every character removed before judging a value; Java and SQL are built from this one list. */
    public static final String INVISIBLE = " \t\n\u000B\f\r\u0085\u00A0\u1680\u180E"
            + "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u200B\u200C\u200D"
            + "\u2028\u2029\u202F\u205F\u2060\u3000\uFEFF";

    private Blanks() {}

    /** The value without any of the {@link #INVISIBLE} characters; null stays null. */
    public static String core(String value) {
        if (value == null) return null;
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (INVISIBLE.indexOf(c) < 0) b.append(c);
        }
        return b.toString();
    }

    public static boolean isBlank(String value) {
        return value == null || core(value).isEmpty();
    }

    /** Blank, or one of the placeholders (compared without invisible characters, ignoring case). */
    public static boolean isBlankOrPlaceholder(String value, Collection<String> placeholders) {
        if (isBlank(value)) return true;
        String upper = upper(core(value));
        return placeholders != null && placeholders.stream().map(p -> upper(core(p))).anyMatch(upper::equals);
    }

    /** The value trimmed of invisible characters at both ends; null when nothing is left. */
    public static String trimToNull(String value) {
        if (value == null) return null;
        int start = 0, end = value.length();
        while (start < end && INVISIBLE.indexOf(value.charAt(start)) >= 0) start++;
        while (end > start && INVISIBLE.indexOf(value.charAt(end - 1)) >= 0) end--;
        return start == end ? null : value.substring(start, end);
    }

    /** The value with every invisible character but the plain space spelled out, e.g. "[U+3000]", for reports. */
    public static String spelled(String value) {
        if (value == null) return null;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' && INVISIBLE.indexOf(c) >= 0) b.append(String.format("[U+%04X]", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    /** The SQL forms of the same rules for one database. */
    public static Sql sql(Dialect dialect) {
        return new Sql(dialect);
    }

    public static final class Sql {
        private final Dialect dialect;

        private Sql(Dialect dialect) {
            this.dialect = dialect;
        }

        /** The column without any invisible character (nested REPLACE: exact matches in every dialect). */
        public String core(String column) {
            String sql = column;
            for (int i = 0; i < INVISIBLE.length(); i++) {
                sql = "REPLACE(" + sql + ", " + literal(String.valueOf(INVISIBLE.charAt(i))) + ", '')";
            }
            return sql;
        }

        /** True when the column is blank; a length test, since '' = '  ' under PAD SPACE collations. */
        public String blank(String column) {
            return "(" + column + " IS NULL OR " + length(core(column)) + " = 0)";
        }

        /** Blank, or one of the placeholders, compared as binary strings after UPPER. */
        public String blankOrPlaceholder(String column, List<String> placeholders) {
            List<String> upper = placeholders == null ? List.of()
                    : placeholders.stream().map(p -> upper(Blanks.core(p))).filter(p -> !p.isEmpty()).distinct().toList();
            if (upper.isEmpty()) return blank(column);
            String core = core(column);
            String values = upper.stream().map(this::literal).collect(Collectors.joining(", ", "(", ")"));
            return "(" + column + " IS NULL OR " + length(core) + " = 0 OR " + binary("UPPER(" + core + ")") + " IN " + values + ")";
        }

        private String length(String expression) {
            return dialect == Dialect.SQLSERVER ? "DATALENGTH(" + expression + ")" : "CHAR_LENGTH(" + expression + ")";
        }

        private String binary(String expression) {
            return switch (dialect) {
                // Converted first so that any column charset can take the binary collation.
                case MYSQL -> "(CONVERT(" + expression + " USING utf8mb4) COLLATE utf8mb4_bin)";
                case SQLSERVER -> "(" + expression + " COLLATE Latin1_General_100_BIN2)";
                case H2 -> expression; // H2 compares strings exactly unless told to ignore case
            };
        }

        private String literal(String value) {
            String quoted = "'" + value.replace("'", "''") + "'";
            return dialect == Dialect.SQLSERVER ? "N" + quoted : quoted;
        }
    }
}
