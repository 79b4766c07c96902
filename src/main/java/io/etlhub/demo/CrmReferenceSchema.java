package io.etlhub.demo;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.CrmSchema;
import io.etlhub.connector.MappingCatalog;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Creates the reference CRM schema (db/migration/crm-reference) in the CRM database: always for
 * the embedded demo CRM, and on a real database only when etlhub.crm.reference-schema=true (tests).
 */
@Component
public class CrmReferenceSchema {
    private static final Logger log = LoggerFactory.getLogger(CrmReferenceSchema.class);
    private final boolean created;

    public CrmReferenceSchema(ConnectorCatalog connectors, MappingCatalog mappings,
                              @Value("${etlhub.crm.reference-schema:false}") boolean enabled) {
        String connector = mappings.read("crm", CrmSchema.class).connector();
        this.created = enabled || connectors.get(connector).embedded();
        if (created) {
            Flyway.configure()
                    .dataSource(connectors.dataSource(connector))
                    .locations("classpath:db/migration/crm-reference")
                    .table("etlhub_crm_schema_history")
                    .load()
                    .migrate();
            log.info("reference CRM schema ready on connector {}", connector);
        }
    }

    public boolean created() { return created; }
}
