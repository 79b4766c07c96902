package io.etlhub.customerview;

import java.util.Set;

/**
 * The one rule by which the customer view matches codes from its sources (items, customers, lines, shifts):
 * spaces around trimmed, letters in upper case, as receipts match an ERP customer code against the CRM's
 * (trimmed, ignoring case) and the archive merges customers. SQL Server CHAR/NCHAR columns pad codes with spaces and
 * a case-sensitive collation keeps 'c001' apart from 'C001'; the hub store keeps one row per code, so the source is
 * asked for the codes already normalised (the mapping's SUM or MAX then merges the rows that share one) and the
 * values that refer to a code (a work order's customer, item and line) are normalised the same way when read.
 */
final class SourceKeys {
    /** Value fields that name a code kept as a key elsewhere: they are normalised like keys. */
    private static final Set<String> CODE_FIELDS = Set.of("customer", "item", "line", "shift");

    private SourceKeys() {}

    /**
     * A key expression of a mapping as the source is asked for it: codes normalised in SQL (LTRIM/RTRIM: SQL Server
     * before 2017 has no TRIM), so that GROUP BY, ORDER BY and IN lists see one code; other keys (a work order's id, a
     * date) as they are, trimmed when read, so that their lookups keep the source's index.
     */
    static String sql(Figure.Field key, String expression) {
        return isCode(key) ? "UPPER(LTRIM(RTRIM(" + expression + ")))" : expression;
    }

    /**
     * A code as the hub keeps it, the same as {@link #sql} gives it: spaces (only they, like LTRIM/RTRIM) around
     * removed, each letter in upper case on its own (so that the length stays, like SQL's UPPER); null for none or
     * only spaces.
     */
    static String normal(String code) {
        if (code == null) return null;
        int from = 0, to = code.length();
        while (from < to && code.charAt(from) == ' ') from++;
        while (to > from && code.charAt(to - 1) == ' ') to--;
        if (from == to) return null;
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) out.append(Character.toUpperCase(code.charAt(i)));
        return out.toString();
    }

    /** Whether a text field of a figure holds a code (normalised) rather than free text such as a state or a reference. */
    static boolean isCode(Figure.Field field) {
        return field.type() == Figure.Type.TEXT && CODE_FIELDS.contains(field.name());
    }
}
