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
 * The one way into the CRM: mappings/crm.yml, read once on first use, and the JDBC access of the
 * connector it names. Features ask this for the CRM's tables and database; none looks the CRM
 * connector up in the {@link ConnectorCatalog} itself (CrmAccessTest checks that).
 */
@Component
public class Crm {
    private final MappingCatalog mappings;
    private final ConnectorCatalog connectors;
    private volatile CrmSchema schema;

    public Crm(MappingCatalog mappings, ConnectorCatalog connectors) {
        this.mappings = mappings;
        this.connectors = connectors;
    }

    /** mappings/crm.yml, typed. */
    public CrmSchema schema() {
        CrmSchema s = schema;
        if (s == null) {
            // Read lazily so a hub without mappings/crm.yml still starts and says so where it is used.
            s = mappings.read("crm", CrmSchema.class);
            schema = s;
        }
        return s;
    }

    /** The id of the connector that reaches the CRM. */
    public String connector() { return schema().connector(); }

    public TableMapping table(String name) { return schema().table(name); }

    public JdbcTemplate jdbc() { return connectors.jdbc(connector()); }

    public TransactionTemplate transactions() { return connectors.transactions(connector()); }

    public Dialect dialect() { return connectors.dialect(connector()); }

    /** A new connection to the CRM, for the few callers that need plain JDBC (the caller closes it). */
    public Connection connect() throws ConnectorConnectionException { return connectors.connect(connector()); }
}
