package io.etlhub.connector;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tables and columns as the database reports them (JDBC DatabaseMetaData, so the same code serves
 * MySQL, MariaDB, SQL Server and H2), matched without regard to case as the databases the hub meets do.
 */
public final class TableProbe {
    /** A table found in the connection's current database and schema, with its columns by lower-case name. */
    public record FoundTable(String catalog, String schema, String name, Map<String, String> columns) {
        public List<String> missing(Collection<String> wanted) {
            return wanted.stream().filter(c -> !columns.containsKey(c.toLowerCase())).sorted().toList();
        }
    }

    private TableProbe() {}

    /** The table in the current catalog/schema, or null. A name may be qualified (dbo.Ap_CloseBill). */
    public static FoundTable find(Connection connection, String qualifiedName) throws SQLException {
        String name = qualifiedName.contains(".") ? qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1) : qualifiedName;
        String schema = qualifiedName.contains(".") ? qualifiedName.substring(0, qualifiedName.lastIndexOf('.')) : currentSchema(connection);
        String catalog = connection.getCatalog();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rs = meta.getTables(catalog, null, "%", null)) {
            while (rs.next()) {
                String found = rs.getString("TABLE_NAME");
                String foundSchema = rs.getString("TABLE_SCHEM");
                if (found.equalsIgnoreCase(name) && (schema == null || foundSchema == null || foundSchema.equalsIgnoreCase(schema))) {
                    return new FoundTable(rs.getString("TABLE_CAT"), foundSchema, found, columns(meta, rs.getString("TABLE_CAT"), foundSchema, found));
                }
            }
        }
        return null;
    }

    private static Map<String, String> columns(DatabaseMetaData meta, String catalog, String schema, String table) throws SQLException {
        Map<String, String> columns = new TreeMap<>();
        try (ResultSet rs = meta.getColumns(catalog, schema, table, null)) {
            while (rs.next()) columns.put(rs.getString("COLUMN_NAME").toLowerCase(), rs.getString("COLUMN_NAME"));
        }
        return columns;
    }

    private static String currentSchema(Connection connection) {
        try {
            return connection.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }
}
