package io.etlhub.connector;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The hub's one table in the CRM database (mappings/crm.yml {@code apply-journal}, default
 * etlhub_apply_journal): a row per applied receipt batch, the idempotency key of the CRM side
 * (docs/receipts.md). {@link #create} makes it idempotently, with the mapped names, on MySQL/MariaDB,
 * SQL Server and H2.
 */
public final class ApplyJournal {
    public static final String TABLE = "etlhub_apply_journal";

    private ApplyJournal() {}

    /** Creates the journal table unless it exists; true when it was created. */
    public static boolean create(Connection connection, Dialect dialect, TableMapping journal) throws SQLException {
        if (TableProbe.find(connection, journal.table()) != null) return false;
        String timestamp = dialect == Dialect.SQLSERVER ? "DATETIME2(3)" : "DATETIME(3)";
        String ddl = "CREATE TABLE " + journal.table() + " ("
                + journal.col("batch-id") + " VARCHAR(64) NOT NULL PRIMARY KEY, "
                + journal.col("route-id") + " VARCHAR(100) NOT NULL, "
                + journal.col("applied-at") + " " + timestamp + " NOT NULL)";
        try (Statement s = connection.createStatement()) {
            s.execute(ddl);
        } catch (SQLException e) {
            // Another hub or a parallel init-crm created it in between: that is the wanted result.
            if (TableProbe.find(connection, journal.table()) != null) return false;
            throw e;
        }
        return true;
    }
}
