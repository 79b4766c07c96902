package io.etlhub.demo;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.SchemaChanges;
import io.etlhub.connector.SchemaMigrations;
import io.etlhub.crm.Crm;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.Map;

/**
 * Creates the reference CRM schema (db/migration/crm-reference, then {@link #changes()}) in the CRM
 * database: always for the embedded demo CRM, and on a real database only when
 * etlhub.crm.reference-schema=true (tests). Like the hub store, through {@link SchemaMigrations}, so a
 * start-up killed half-way through starts again untouched; Flyway callback beans apply here too.
 */
@Component
public class CrmReferenceSchema {
    private static final Logger log = LoggerFactory.getLogger(CrmReferenceSchema.class);
    public static final String HISTORY_TABLE = "etlhub_crm_schema_history";

    /**
     * Checksums of V1, V2 and V3 as released before they became re-runnable (their ALTERs now in V4,
     * which finds them done): the schema is the same, so they are realigned (see SchemaMigrations).
     */
    public static final Map<String, Integer> EARLIER_CHECKSUMS = Map.of(
            "1", -1895285390, "2", 1316949476, "3", -1166529606);

    private final boolean created;

    public CrmReferenceSchema(ConnectorCatalog connectors, Crm crm,
                              @Value("${etlhub.crm.reference-schema:false}") boolean enabled,
                              ObjectProvider<Callback> callbacks) {
        String connector = crm.connector();
        this.created = enabled || connectors.get(connector).embedded();
        if (created) {
            migrate(connectors.dataSource(connector), "CRM connector " + connector,
                    callbacks.orderedStream().toArray(Callback[]::new));
            log.info("reference CRM schema ready on connector {}", connector);
        }
    }

    /** The reference CRM schema on a data source (tests and benchmarks without the hub). */
    public static void migrate(DataSource crm) {
        migrate(crm, "reference CRM");
    }

    private static void migrate(DataSource crm, String name, Callback... callbacks) {
        Flyway flyway = Flyway.configure()
                .dataSource(crm)
                .locations("classpath:db/migration/crm-reference")
                .javaMigrations(changes(), archiveColumns())
                .callbacks(callbacks)
                .table(HISTORY_TABLE)
                .load();
        SchemaMigrations.migrate(flyway, name, EARLIER_CHECKSUMS);
    }

    /**
     * Columns and indexes on tables of earlier migrations, each skipped when present (MySQL 8 has no
     * IF NOT EXISTS for them): until now in V2 (indexes) and V3 (columns).
     */
    private static SchemaChanges changes() {
        return SchemaChanges.version("4", "columns and indexes on earlier tables")
                // Columns the legacy Excel archive import fills (issue 5), mapped by logical name in mappings/crm.yml.
                .addColumn("crm_customer", "contact", "VARCHAR(60)")
                .addColumn("crm_customer", "mobile", "VARCHAR(20)")
                .addColumn("crm_customer", "landline", "VARCHAR(40)")
                .addColumn("crm_customer", "industry", "VARCHAR(60)")
                .addColumn("crm_customer", "region", "VARCHAR(60)")
                .addColumn("crm_customer", "established_date", "DATE")
                .addColumn("crm_customer", "registered_capital", "DECIMAL(18,2)")
                .addColumn("crm_customer", "source_file", "VARCHAR(300)")
                .addIndex("crm_customer", "ix_crm_customer_name", "name")
                // Indexes the monthly data-quality checks (issue 4) filter on.
                .addIndex("crm_lead", "ix_crm_lead_created", "created_at")
                .addIndex("crm_opportunity_stage_history", "ix_crm_stage_history_changed", "changed_at");
    }

    /** Columns for common archive headers (issue 11): 建档日期/创建日期, 客户来源/来源, 备注; mapped in mappings/crm.yml. */
    private static SchemaChanges archiveColumns() {
        return SchemaChanges.version("4.1", "archive import columns for common headers")
                .addColumn("crm_customer", "created_date", "DATE")
                .addColumn("crm_customer", "customer_source", "VARCHAR(60)")
                .addColumn("crm_customer", "remark", "VARCHAR(500)");
    }

    public boolean created() { return created; }
}
