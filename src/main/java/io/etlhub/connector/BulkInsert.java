package io.etlhub.connector;

import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Inserts many rows into one table in the caller's transaction, like {@link RowBatches#insert}, where
 * the volume makes the client's cost count (the receipts ledger, archive staging, the CRM's archive
 * inserts). On MySQL/MariaDB it renders the values itself: the driver binds every value through its type
 * look-ups and formats every timestamp with a new SimpleDateFormat, which costs more client CPU than the
 * database spends on the rows. Where the connection allows it ({@link LocalFileLoads}) the rows go to the
 * server as a tab-separated file with {@code LOAD DATA LOCAL INFILE}, which the server takes for about two
 * thirds of the CPU of the same rows as literals; otherwise as multi-row INSERT statements. Elsewhere (H2)
 * it is {@link RowBatches#insert}.
 * <p>
 * Literals are safe whatever the session's sql_mode: a text of printable ASCII without quote or
 * backslash is written quoted; any other text as a hexadecimal utf8mb4 literal; numbers and dates
 * in their canonical forms. Timestamps are bound once per statement by the driver, so they are converted
 * between time zones exactly as a bound parameter is.
 * <p>
 * A LOCAL load reports a duplicate key or a value the column cannot take as a warning and skips or
 * adjusts the row (the server cannot stop the client's file half-way); so a load that did not insert
 * every row, or warned, is rolled back to a savepoint and its rows are written as INSERT statements,
 * which fail or pass exactly as before. Loads are used only inside the caller's transaction.
 */
public final class BulkInsert {
    /** Rows per statement; a statement also ends at about 1 MB of SQL, far below max_allowed_packet. */
    private static final int ROWS = 1_000;
    private static final int BYTES = 1 << 20;
    /** Rows per file of a LOCAL load: one statement per batch the callers write. */
    private static final int FILE_ROWS = 10_000;

    private enum Mode { ROWS, LITERAL, FILE }

    private final JdbcTemplate jdbc;
    private final Mode mode;
    private final String table;
    private final List<String> columnList;
    private final String columns;
    private final int width;

    private BulkInsert(JdbcTemplate jdbc, Mode mode, String table, List<String> columns) {
        this.jdbc = jdbc;
        this.mode = mode;
        this.table = table;
        this.columnList = List.copyOf(columns);
        this.columns = String.join(", ", columns);
        this.width = columns.size();
    }

    /** An insert into {@code table (columns)} on the database behind {@code jdbc}. */
    public static BulkInsert into(JdbcTemplate jdbc, String table, List<String> columns) {
        Mode mode = jdbc.execute((Connection c) -> Dialect.fromUrl(c.getMetaData().getURL()) != Dialect.MYSQL ? Mode.ROWS
                : LocalFileLoads.available(c) ? Mode.FILE : Mode.LITERAL);
        return new BulkInsert(jdbc, mode, table, columns);
    }

    /** Whether the rows go to the server as LOCAL file loads (tests). */
    boolean loadsFiles() {
        return mode == Mode.FILE;
    }

    /**
     * Inserts the rows (each as many values as columns: null, String, Number, LocalDate, java.sql.Date,
     * LocalDateTime, Timestamp, Boolean). Runs in the transaction the caller holds, if any.
     */
    public void insert(List<Object[]> rows) {
        if (rows.isEmpty()) return;
        if (mode == Mode.ROWS) {
            RowBatches.insert(jdbc, table, columnList, rows);
            return;
        }
        jdbc.execute((Connection c) -> {
            // A load is undone by a savepoint when it went wrong, so it needs the caller's transaction.
            boolean files = mode == Mode.FILE && !c.getAutoCommit();
            for (int from = 0; from < rows.size(); ) {
                from = files ? loadFrom(c, rows, from) : insertFrom(c, rows, from);
            }
            return null;
        });
    }

    /** One statement from row {@code from} on; returns the first row it did not take. */
    private int insertFrom(Connection c, List<Object[]> rows, int from) throws java.sql.SQLException {
        Map<LocalDateTime, String> times = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder(64 * 1024).append("INSERT INTO ").append(table).append(" (").append(columns).append(") VALUES ");
        int to = from;
        while (to < rows.size() && to - from < ROWS && sql.length() < BYTES) {
            Object[] row = rows.get(to++);
            requireWidth(row);
            sql.append(to - 1 == from ? "(" : ", (");
            for (int i = 0; i < width; i++) {
                if (i > 0) sql.append(", ");
                append(sql, row[i], times);
            }
            sql.append(')');
        }
        if (!times.isEmpty()) {
            StringBuilder set = new StringBuilder("SET ");
            times.values().forEach(name -> set.append(set.length() > 4 ? ", " : "").append(name).append(" = ?"));
            try (PreparedStatement ps = c.prepareStatement(set.toString())) {
                int i = 1;
                for (LocalDateTime t : times.keySet()) ps.setTimestamp(i++, Timestamp.valueOf(t));
                ps.execute();
            }
        }
        try (Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            s.executeUpdate(sql.toString());
        }
        return to;
    }

    /** One LOAD DATA LOCAL of up to FILE_ROWS rows from {@code from} on, through a file of its own; returns the first row it did not take. */
    private int loadFrom(Connection c, List<Object[]> rows, int from) throws SQLException {
        int to = Math.min(rows.size(), from + FILE_ROWS);
        Map<LocalDateTime, String> times = timeTexts(c, rows.subList(from, to));
        StringBuilder tsv = new StringBuilder(256 * (to - from));
        for (Object[] row : rows.subList(from, to)) {
            requireWidth(row);
            for (int i = 0; i < width; i++) {
                if (i > 0) tsv.append('\t');
                field(tsv, row[i], times);
            }
            tsv.append('\n');
        }
        Path file = LocalFileLoads.folder().resolve(table + "-" + UUID.randomUUID() + ".tsv");
        Savepoint before = c.setSavepoint();
        try {
            Files.writeString(file, tsv, StandardCharsets.UTF_8);
            try (Statement s = c.createStatement()) {
                s.setEscapeProcessing(false);
                int inserted = s.executeUpdate("LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE " + table
                        + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY X'09' ESCAPED BY X'5C' LINES TERMINATED BY X'0A' (" + columns + ")");
                if (inserted == to - from && s.getWarnings() == null) {
                    c.releaseSavepoint(before);
                    return to;
                }
            }
        } catch (IOException e) {
            throw new SQLException(table + ": cannot write the bulk load file " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // The folder is this JVM's own and is removed at exit; a leftover file holds no secret the database lacks.
            }
        }
        // The load skipped or adjusted a row, or warned: undo it and let INSERT statements decide, so these rows
        // fail (a duplicate key, a text too long) or pass (a decimal rounded to the column's scale) as they always did.
        c.rollback(before);
        for (int next = from; next < to; ) next = insertFrom(c, rows.subList(0, to), next);
        return to;
    }

    private void requireWidth(Object[] row) {
        if (row.length != width) {
            throw new IllegalArgumentException(table + ": a row has " + row.length + " values for " + width + " columns");
        }
    }

    /** Every distinct time of the rows as the driver sends a bound timestamp (its time-zone conversion included). */
    private static Map<LocalDateTime, String> timeTexts(Connection c, List<Object[]> rows) throws SQLException {
        Map<LocalDateTime, String> times = new LinkedHashMap<>();
        for (Object[] row : rows) {
            for (Object v : row) {
                if (v instanceof LocalDateTime t) times.put(t, null);
                else if (v instanceof Timestamp t) times.put(t.toLocalDateTime(), null);
            }
        }
        List<LocalDateTime> pending = new ArrayList<>(times.keySet());
        for (int from = 0; from < pending.size(); from += ROWS) {
            List<LocalDateTime> part = pending.subList(from, Math.min(pending.size(), from + ROWS));
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < part.size(); i++) sql.append(i > 0 ? ", " : "").append("CAST(? AS CHAR)");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < part.size(); i++) ps.setTimestamp(i + 1, Timestamp.valueOf(part.get(i)));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    for (int i = 0; i < part.size(); i++) times.put(part.get(i), rs.getString(i + 1));
                }
            }
        }
        return times;
    }

    /** A value as LOAD DATA reads it with tab, newline and backslash as field end, line end and escape. */
    private static void field(StringBuilder tsv, Object v, Map<LocalDateTime, String> times) {
        if (v == null) {
            tsv.append("\\N");
        } else if (v instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '\\' -> tsv.append("\\\\");
                    case '\t' -> tsv.append("\\t");
                    case '\n' -> tsv.append("\\n");
                    case '\r' -> tsv.append("\\r");
                    case '\0' -> tsv.append("\\0");
                    default -> tsv.append(ch);
                }
            }
        } else if (v instanceof LocalDateTime t) {
            tsv.append(times.get(t));
        } else if (v instanceof Timestamp t) {
            tsv.append(times.get(t.toLocalDateTime()));
        } else if (v instanceof java.sql.Date d) {
            tsv.append(d.toLocalDate());
        } else if (v instanceof LocalDate || v instanceof Long || v instanceof Integer || v instanceof Short) {
            tsv.append(v);
        } else if (v instanceof BigDecimal d) {
            tsv.append(d.toPlainString());
        } else if (v instanceof Boolean b) {
            tsv.append(b ? '1' : '0');
        } else {
            throw new IllegalArgumentException("BulkInsert cannot write a " + v.getClass().getName());
        }
    }

    private static void append(StringBuilder sql, Object v, Map<LocalDateTime, String> times) {
        if (v == null) {
            sql.append("NULL");
        } else if (v instanceof String s) {
            text(sql, s);
        } else if (v instanceof BigDecimal d) {
            sql.append(d.toPlainString());
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            sql.append(v);
        } else if (v instanceof Boolean b) {
            sql.append(b ? '1' : '0');
        } else if (v instanceof LocalDate d) {
            sql.append('\'').append(d).append('\'');
        } else if (v instanceof java.sql.Date d) {
            sql.append('\'').append(d.toLocalDate()).append('\'');
        } else if (v instanceof LocalDateTime t) {
            sql.append(times.computeIfAbsent(t, k -> "@etlhub_bulk_t" + times.size()));
        } else if (v instanceof Timestamp t) {
            append(sql, t.toLocalDateTime(), times);
        } else {
            throw new IllegalArgumentException("BulkInsert cannot write a " + v.getClass().getName());
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static void text(StringBuilder sql, String s) {
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            char ch = s.charAt(i);
            plain = ch >= 0x20 && ch < 0x7f && ch != '\'' && ch != '\\';
        }
        if (plain) {
            sql.append('\'').append(s).append('\'');
            return;
        }
        sql.append("_utf8mb4 X'");
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) sql.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        sql.append('\'');
    }
}
