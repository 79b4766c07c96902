package io.etlhub.quality;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** SQL fragments built from mapped names and validated configuration values (no quotes in them). */
final class SqlText {
    private SqlText() {}

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String inList(Collection<String> values) {
        return values.stream().map(SqlText::literal).collect(Collectors.joining(", ", "(", ")"));
    }

    static String blank(String column) {
        return "(" + column + " IS NULL OR TRIM(" + column + ") = '')";
    }

    /** Blank, or one of the placeholders compared trimmed and case-insensitively. */
    static String blankOrPlaceholder(String column, List<String> placeholders) {
        if (placeholders == null || placeholders.isEmpty()) return blank(column);
        List<String> upper = placeholders.stream().map(p -> p.trim().toUpperCase(java.util.Locale.ROOT)).toList();
        return "(" + column + " IS NULL OR TRIM(" + column + ") = '' OR UPPER(TRIM(" + column + ")) IN " + inList(upper) + ")";
    }

    /** 1-based position of the stage in the pipeline, NULL for a stage outside it. */
    static String rank(String column, List<String> pipeline) {
        StringBuilder sql = new StringBuilder("CASE ").append(column);
        for (int i = 0; i < pipeline.size(); i++) {
            sql.append(" WHEN ").append(literal(pipeline.get(i))).append(" THEN ").append(i + 1);
        }
        return sql.append(" ELSE NULL END").toString();
    }
}
