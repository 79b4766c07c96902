package io.etlhub.connector;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Many rows in few statements, in the caller's transaction: multi-row INSERTs and IN lists, cut into
 * chunks so no statement exceeds the drivers' parameter limits (MariaDB 65,535, H2 100,000). Valid SQL on
 * MariaDB, MySQL and H2.
 */
public final class RowBatches {
    /** Parameters per statement, well under every driver's limit. */
    static final int MAX_PARAMETERS = 20_000;

    private RowBatches() {}

    /** INSERT INTO table (columns) VALUES (...), (...): one statement per chunk of rows. Returns the rows inserted. */
    public static int insert(JdbcTemplate jdbc, String table, List<String> columns, List<Object[]> rows) {
        int perStatement = Math.max(1, MAX_PARAMETERS / columns.size());
        String row = "(" + marks(columns.size()) + ")";
        int inserted = 0;
        for (List<Object[]> chunk : chunks(rows, perStatement)) {
            List<Object> args = new ArrayList<>(chunk.size() * columns.size());
            for (Object[] r : chunk) {
                if (r.length != columns.size()) throw new IllegalArgumentException(table + ": a row has " + r.length + " values for " + columns);
                Collections.addAll(args, r);
            }
            inserted += jdbc.update("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES "
                    + String.join(", ", Collections.nCopies(chunk.size(), row)), args.toArray());
        }
        return inserted;
    }

    /** {@code ?, ?, ?}: n parameter marks for an IN list or a row. */
    public static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** The list cut into consecutive pieces of at most {@code size} (views of it). */
    public static <T> List<List<T>> chunks(List<T> list, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i += size) out.add(list.subList(i, Math.min(list.size(), i + size)));
        return out;
    }

    /** How many values an IN list holds per statement. */
    public static final int IN_LIST = 1000;
}
