package io.etlhub.crm;

import io.etlhub.connector.BulkInsert;
import io.etlhub.connector.TableMapping;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One CRM table for a bulk import (the archive's customer merge): the caller names columns by their logical
 * names in mappings/crm.yml and this builds and runs the SQL, in one CRM transaction the caller opens with
 * {@link #inTransaction}. Every read returns the table's id column first, then the columns asked for.
 */
public final class CrmTable {
    /** An INSERT or UPDATE built here, to run as a batch or row by row (to name the row the CRM refuses). */
    public static final class Statement {
        private final String sql;
        /** An INSERT's physical columns (for {@link #insertAll}); null for an UPDATE. */
        private final List<String> insertColumns;

        private Statement(String sql) { this(sql, null); }

        private Statement(String sql, List<String> insertColumns) {
            this.sql = sql;
            this.insertColumns = insertColumns;
        }

        @Override public boolean equals(Object o) { return o instanceof Statement s && s.sql.equals(sql); }

        @Override public int hashCode() { return sql.hashCode(); }

        @Override public String toString() { return sql; }
    }

    /** A column's size from the JDBC metadata: a text's length in characters, or a decimal's precision and scale. */
    public record ColumnSize(boolean text, int size, int scale) {}

    private final TableMapping table;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    /** For the crm module ({@link Crm#table(String)}) and for tests and benches that bring their own CRM pool. */
    public CrmTable(TableMapping table, JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.table = table;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** The table's mapping: its name and logical to physical column names. */
    public TableMapping mapping() { return table; }

    /** Runs the work in one CRM transaction (its status doubles as the savepoint manager). */
    public void inTransaction(Consumer<TransactionStatus> work) {
        transactions.executeWithoutResult(work);
    }

    /** Every row, by id. */
    public void readAll(List<String> columns, RowCallbackHandler rows) {
        jdbc.query(select(columns) + " ORDER BY " + table.col("id"), rows);
    }

    /** The rows with these ids. */
    public void readByIds(List<String> columns, List<Long> ids, RowCallbackHandler rows) {
        if (ids.isEmpty()) return;
        jdbc.query(select(columns) + " WHERE " + table.col("id") + " IN (" + marks(ids.size()) + ")", rows, ids.toArray());
    }

    /** INSERT of these columns, in this order. */
    public Statement insert(List<String> columns) {
        return new Statement("INSERT INTO " + table.table() + " (" + String.join(", ", physical(columns)) + ") VALUES ("
                + marks(columns.size()) + ")", physical(columns));
    }

    /** UPDATE of these columns, in this order, then the id as the last argument. */
    public Statement update(List<String> columns) {
        List<String> set = new ArrayList<>();
        for (String c : physical(columns)) set.add(c + " = ?");
        return new Statement("UPDATE " + table.table() + " SET " + String.join(", ", set) + " WHERE " + table.col("id") + " = ?");
    }

    /** Whether the account may delete rows of the table (a DELETE of no row: the server checks the grant all the same). */
    public boolean mayDelete() {
        try {
            jdbc.update("DELETE FROM " + table.table() + " WHERE 1 = 0");
            return true;
        } catch (org.springframework.dao.DataAccessException e) {
            return false;
        }
    }

    /**
     * Deletes the rows with an id above {@code afterId} whose columns equal {@code equal} (logical name to value) and whose
     * {@code inColumn} holds one of {@code values}: rows an import wrote itself and takes back.
     */
    public int deleteNewer(long afterId, Map<String, Object> equal, String inColumn, List<?> values) {
        if (values.isEmpty()) return 0;
        StringBuilder sql = new StringBuilder("DELETE FROM ").append(table.table()).append(" WHERE ").append(table.col("id")).append(" > ?");
        List<Object> args = new ArrayList<>();
        args.add(afterId);
        equal.forEach((column, value) -> {
            sql.append(" AND ").append(table.col(column)).append(" = ?");
            args.add(value);
        });
        sql.append(" AND ").append(table.col(inColumn)).append(" IN (").append(marks(values.size())).append(')');
        args.addAll(values);
        return jdbc.update(sql.toString(), args.toArray());
    }

    public void batch(Statement statement, List<Object[]> rows) {
        jdbc.batchUpdate(statement.sql, rows);
    }

    /**
     * Many rows of an {@link #insert} at once, in bulk ({@link BulkInsert}: a LOCAL file load or literal multi-row INSERTs):
     * on MySQL/MariaDB the driver's binding of every value costs more than the database spends on the rows (the archive import).
     */
    public void insertAll(Statement insert, List<Object[]> rows) {
        if (insert.insertColumns == null) throw new IllegalArgumentException("not an INSERT: " + insert.sql);
        if (bulk == null || !bulk.getKey().equals(insert)) bulk = Map.entry(insert, BulkInsert.into(jdbc, table.table(), insert.insertColumns));
        bulk.getValue().insert(rows);
    }

    private Map.Entry<Statement, BulkInsert> bulk;

    public void one(Statement statement, Object[] row) {
        jdbc.update(statement.sql, row);
    }

    /** Text and decimal columns' sizes by lower-case physical column name (information_schema on MariaDB/MySQL). */
    public Map<String, ColumnSize> columnSizes() {
        return jdbc.execute((ConnectionCallback<Map<String, ColumnSize>>) c -> {
            DatabaseMetaData meta = c.getMetaData();
            Map<String, ColumnSize> found = columnSizes(meta, c.getCatalog(), table.table());
            if (found.isEmpty()) found = columnSizes(meta, c.getCatalog(), table.table().toUpperCase(Locale.ROOT));
            if (found.isEmpty()) found = columnSizes(meta, c.getCatalog(), table.table().toLowerCase(Locale.ROOT));
            return found;
        });
    }

    private static Map<String, ColumnSize> columnSizes(DatabaseMetaData meta, String catalog, String table) throws SQLException {
        Map<String, ColumnSize> sizes = new HashMap<>();
        try (ResultSet rs = meta.getColumns(catalog, null, table, null)) {
            while (rs.next()) {
                int type = rs.getInt("DATA_TYPE");
                int size = rs.getInt("COLUMN_SIZE");
                String name = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                switch (type) {
                    case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR ->
                            sizes.put(name, new ColumnSize(true, size, 0));
                    case Types.DECIMAL, Types.NUMERIC -> sizes.put(name, new ColumnSize(false, size, rs.getInt("DECIMAL_DIGITS")));
                    default -> { }
                }
            }
        }
        return sizes;
    }

    private String select(List<String> columns) {
        List<String> cols = new ArrayList<>();
        cols.add(table.col("id"));
        cols.addAll(physical(columns));
        return "SELECT " + String.join(", ", cols) + " FROM " + table.table();
    }

    private List<String> physical(List<String> columns) {
        List<String> out = new ArrayList<>(columns.size());
        for (String c : columns) out.add(table.col(c));
        return out;
    }

    private static String marks(int n) { return String.join(", ", Collections.nCopies(n, "?")); }
}
