package io.etlhub.crm;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.ConnectorConnectionException;
import io.etlhub.connector.Dialect;
import io.etlhub.connector.MappingCatalog;
import io.etlhub.connector.TableMapping;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;

/**
 * The one way into the CRM: mappings/crm.yml, read on first use and again whenever the file has
 * changed (admins edit it while the hub runs, as every file in mappings/), and the JDBC access of the
 * connector it names. Features ask this for the CRM's tables and database; none looks the CRM
 * connector up in the {@link ConnectorCatalog} itself (CrmAccessTest checks that).
 */
@Component
public class Crm {
    private final MappingCatalog mappings;
    private final ConnectorCatalog connectors;
    private record Read(CrmSchema schema, java.nio.file.attribute.FileTime modified) {}

    private volatile Read read;

    public Crm(MappingCatalog mappings, ConnectorCatalog connectors) {
        this.mappings = mappings;
        this.connectors = connectors;
    }

    /** mappings/crm.yml, typed. */
    public CrmSchema schema() {
        // Read lazily so a hub without mappings/crm.yml still starts and says so where it is used.
        java.nio.file.Path file = mappings.file("crm");
        java.nio.file.attribute.FileTime modified = lastModified(file);
        Read r = read;
        if (r == null || !r.modified().equals(modified)) {
            r = new Read(mappings.read("crm", CrmSchema.class), modified);
            read = r;
        }
        return r.schema();
    }

    private static java.nio.file.attribute.FileTime lastModified(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.getLastModifiedTime(file);
        } catch (java.io.IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    /** The id of the connector that reaches the CRM. */
    public String connector() { return schema().connector(); }

    public TableMapping table(String name) { return schema().table(name); }

    /** A CRM table for a bulk import: its SQL built in this module from the table's logical column names. */
    public CrmTable bulkTable(String name) { return new CrmTable(table(name), jdbc(), transactions()); }

    public JdbcTemplate jdbc() { return connectors.jdbc(connector()); }

    public TransactionTemplate transactions() { return connectors.transactions(connector()); }

    public Dialect dialect() { return connectors.dialect(connector()); }

    /**
     * The columns of a CRM table (physical name), upper-case, read with an empty query; empty when the CRM has no such
     * table. A connection problem is not "no such table": it is thrown.
     */
    public java.util.Optional<java.util.Set<String>> columnsOf(String physicalTable) {
        org.springframework.jdbc.core.ResultSetExtractor<java.util.Set<String>> names = rs -> {
            java.sql.ResultSetMetaData md = rs.getMetaData();
            java.util.Set<String> found = new java.util.HashSet<>();
            for (int i = 1; i <= md.getColumnCount(); i++) found.add(md.getColumnName(i).toUpperCase(java.util.Locale.ROOT));
            return found;
        };
        try {
            return java.util.Optional.ofNullable(jdbc().query("SELECT * FROM " + physicalTable + " WHERE 1 = 0", names));
        } catch (org.springframework.jdbc.BadSqlGrammarException e) {
            return java.util.Optional.empty();
        }
    }

    /** Creates the hub's one CRM table, the apply journal (mappings/crm.yml apply-journal); false when it was there. */
    public boolean createApplyJournal() throws ConnectorConnectionException, java.sql.SQLException {
        try (Connection c = connect()) {
            return io.etlhub.connector.ApplyJournal.create(c, dialect(), table("apply-journal"));
        }
    }

    /** A new connection to the CRM, for the few callers that need plain JDBC (the caller closes it). */
    public Connection connect() throws ConnectorConnectionException { return connectors.connect(connector()); }
}
