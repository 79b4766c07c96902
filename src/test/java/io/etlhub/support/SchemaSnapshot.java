package io.etlhub.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * A MySQL/MariaDB database's tables, columns and indexes as comparable lines, and its Flyway history:
 * to check that a store reached the same schema as a store migrated in one go.
 */
public final class SchemaSnapshot {
    private SchemaSnapshot() {}

    public static List<String> of(JdbcTemplate jdbc, String database, String historyTable) {
        List<String> lines = new ArrayList<>(jdbc.query(
                "SELECT table_name, column_name, column_type, is_nullable, column_default, extra FROM information_schema.columns "
                        + "WHERE table_schema = ? AND table_name <> ? ORDER BY table_name, ordinal_position",
                (rs, i) -> "column " + rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3) + " null=" + rs.getString(4)
                        + " default=" + rs.getString(5) + " " + rs.getString(6),
                database, historyTable));
        lines.addAll(jdbc.query(
                "SELECT table_name, index_name, non_unique, seq_in_index, column_name FROM information_schema.statistics "
                        + "WHERE table_schema = ? AND table_name <> ? ORDER BY table_name, index_name, seq_in_index",
                (rs, i) -> "index " + rs.getString(1) + "." + rs.getString(2) + " unique=" + (rs.getInt(3) == 0)
                        + " " + rs.getInt(4) + ":" + rs.getString(5),
                database, historyTable));
        return lines;
    }

    /** version, description, type, checksum and success of every row of the Flyway history. */
    public static List<String> history(JdbcTemplate jdbc, String historyTable) {
        return jdbc.query("SELECT version, description, type, checksum, success FROM `" + historyTable + "` ORDER BY installed_rank",
                (rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getObject(4) + " success=" + rs.getBoolean(5));
    }
}
