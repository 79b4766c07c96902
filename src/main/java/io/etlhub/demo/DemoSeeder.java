package io.etlhub.demo;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.CrmSchema;
import io.etlhub.connector.MappingCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fills the embedded demo databases (jdbc:h2:mem: connectors only, never a real one) so that a fresh
 * start has U8 and K3 receipts and CRM opportunities to work on.
 */
@Component
class DemoSeeder {
    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
    private boolean seeded;

    DemoSeeder(ConnectorCatalog connectors, MappingCatalog mappings, CrmReferenceSchema crmSchema,
               @Value("${etlhub.demo.seed:true}") boolean seed,
               @Value("${etlhub.demo.customers:300}") int customers,
               @Value("${etlhub.demo.seed-value:20261123}") long seedValue) {
        String crm = mappings.read("crm", CrmSchema.class).connector();
        boolean allEmbedded = connectors.get(crm).embedded() && connectors.get("u8").embedded() && connectors.get("k3").embedded();
        if (!seed || !allEmbedded) return;
        seeded = true;
        SqlScripts.run(connectors.dataSource("u8"), "demo/h2/u8-schema.sql");
        SqlScripts.run(connectors.dataSource("k3"), "demo/h2/k3-schema.sql");
        DemoData data = new DemoData(seedValue, customers);
        data.writeTo(new CrmWriter(connectors.jdbc(crm)), new U8ReceiptWriter(connectors.jdbc("u8")),
                new K3ReceiptWriter(connectors.jdbc("k3")));
        log.info("demo data: {} customers, {} opportunities, {} U8 receipts, {} K3 receipt bills",
                data.customers().size(), data.opportunities().size(), data.u8Receipts().size(), data.k3Bills().size());
    }

    boolean seeded() { return seeded; }
}
