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

    /** 1-based position of the stage in the pipeline, NULL for a stage outside it. */
    static String rank(String column, List<String> pipeline) {
        StringBuilder sql = new StringBuilder("CASE ").append(column);
        for (int i = 0; i < pipeline.size(); i++) {
            sql.append(" WHEN ").append(literal(pipeline.get(i))).append(" THEN ").append(i + 1);
        }
        return sql.append(" ELSE NULL END").toString();
    }
}
