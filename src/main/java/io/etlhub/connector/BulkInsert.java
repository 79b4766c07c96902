package io.etlhub.connector;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inserts many rows into one table in the caller's transaction, like {@link RowBatches#insert}, where
 * the volume makes the client's cost count (the receipts ledger). On MySQL/MariaDB it writes multi-row
 * INSERT statements whose values are SQL literals it renders itself: the driver binds every value
 * through its type look-ups and formats every timestamp with a new SimpleDateFormat, which costs more
 * client CPU than the database spends on the rows. Elsewhere (H2) it is {@link RowBatches#insert}.
 * <p>
 * Literals are safe whatever the session's sql_mode: a text of printable ASCII without quote or
 * backslash is written quoted; any other text as a hexadecimal utf8mb4 literal; numbers and dates
 * in their canonical forms. Timestamps are bound once per statement into session variables, so the
 * driver converts them between time zones exactly as it does for a bound parameter.
 */
public final class BulkInsert {
    /** Rows per statement; a statement also ends at about 1 MB of SQL, far below max_allowed_packet. */
    private static final int ROWS = 1_000;
    private static final int BYTES = 1 << 20;

    private final JdbcTemplate jdbc;
    private final boolean literal;
    private final String table;
    private final List<String> columnList;
    private final String columns;
    private final int width;

    private BulkInsert(JdbcTemplate jdbc, boolean literal, String table, List<String> columns) {
        this.jdbc = jdbc;
        this.literal = literal;
        this.table = table;
        this.columnList = List.copyOf(columns);
        this.columns = String.join(", ", columns);
        this.width = columns.size();
    }

    /** An insert into {@code table (columns)} on the database behind {@code jdbc}. */
    public static BulkInsert into(JdbcTemplate jdbc, String table, List<String> columns) {
        Dialect dialect = jdbc.execute((Connection c) -> Dialect.fromUrl(c.getMetaData().getURL()));
        return new BulkInsert(jdbc, dialect == Dialect.MYSQL, table, columns);
    }

    /**
     * Inserts the rows (each as many values as columns: null, String, Number, LocalDate, java.sql.Date,
     * LocalDateTime, Timestamp, Boolean). Runs in the transaction the caller holds, if any.
     */
    public void insert(List<Object[]> rows) {
        if (rows.isEmpty()) return;
        if (!literal) {
            RowBatches.insert(jdbc, table, columnList, rows);
            return;
        }
        jdbc.execute((Connection c) -> {
            for (int from = 0; from < rows.size(); ) {
                from = insertFrom(c, rows, from);
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
            if (row.length != width) {
                throw new IllegalArgumentException(table + ": a row has " + row.length + " values for " + width + " columns");
            }
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
