package io.etlhub.connector;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A Flyway migration that adds columns and indexes to tables an earlier migration created, each
 * skipped when it is already there, so that it can run again after a start-up killed half-way.
 * SQL cannot say this portably: MySQL 8 has neither ADD COLUMN IF NOT EXISTS nor CREATE INDEX IF
 * NOT EXISTS (MariaDB and H2 have both), so the check is made here through JDBC metadata, which
 * answers the same on MySQL, MariaDB and H2. New tables belong in SQL migrations as
 * CREATE TABLE IF NOT EXISTS with their indexes inside the statement.
 */
public final class SchemaChanges implements JavaMigration {
    private final MigrationVersion version;
    private final String description;
    private final List<Change> changes = new ArrayList<>();

    private SchemaChanges(String version, String description) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
    }

    public static SchemaChanges version(String version, String description) {
        return new SchemaChanges(version, description);
    }

    /** ALTER TABLE table ADD COLUMN column definition, unless the column exists. */
    public SchemaChanges addColumn(String table, String column, String definition) {
        changes.add(new Change(table, column, false, false,
                "ALTER TABLE " + table + " ADD COLUMN " + column + " " + definition));
        return this;
    }

    /** CREATE INDEX index ON table (columns), unless an index of that name exists on the table. */
    public SchemaChanges addIndex(String table, String index, String columns) {
        changes.add(new Change(table, index, true, false,
                "CREATE INDEX " + index + " ON " + table + " (" + columns + ")"));
        return this;
    }

    /** DROP INDEX index ON table, when an index of that name is there (one a later index makes redundant). */
    public SchemaChanges dropIndex(String table, String index) {
        changes.add(new Change(table, index, true, true, "DROP INDEX " + index + " ON " + table));
        return this;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        for (Change change : changes) {
            if (change.present(connection) != change.drop()) continue;
            try (Statement statement = connection.createStatement()) {
                statement.execute(change.ddl());
            }
        }
    }

    @Override
    public MigrationVersion getVersion() { return version; }

    @Override
    public String getDescription() { return description; }

    /** Like an SQL migration's: changes when the statements change, so Flyway's validation sees edits. */
    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        changes.forEach(c -> crc.update((c.ddl() + ";\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() { return true; }

    private record Change(String table, String name, boolean index, boolean drop, String ddl) {
        boolean present(Connection connection) throws SQLException {
            DatabaseMetaData meta = connection.getMetaData();
            String catalog = connection.getCatalog();
            // Table names are patterns here ('_' matches any character): compare exactly below.
            try (ResultSet rows = index
                    ? meta.getIndexInfo(catalog, null, table, false, true)
                    : meta.getColumns(catalog, null, table, null)) {
                while (rows.next()) {
                    if (table.equalsIgnoreCase(rows.getString("TABLE_NAME"))
                            && name.equalsIgnoreCase(rows.getString(index ? "INDEX_NAME" : "COLUMN_NAME"))) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
