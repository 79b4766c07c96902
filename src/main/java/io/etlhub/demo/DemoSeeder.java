package io.etlhub.demo;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.crm.Crm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fills the embedded demo databases (H2 connectors only, never a real one) so that a first start has
 * U8 and K3 receipts and CRM opportunities to work on. Seeds a database only while it is empty, each in
 * one transaction: a restart, or a one-shot run beside the demo server, keeps the demo's state.
 */
@Component
class DemoSeeder {
    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
    private final boolean demo;
    private final boolean seeded;

    DemoSeeder(ConnectorCatalog connectors, Crm crmAccess, CrmReferenceSchema crmSchema,
               @Value("${etlhub.demo.seed:true}") boolean seed,
               @Value("${etlhub.demo.customers:300}") int customers,
               @Value("${etlhub.demo.seed-value:20261123}") long seedValue,
               @Value("${etlhub.demo.dir:data/demo}") String demoDir,
               @Value("${etlhub.demo.pos-members:2000}") int posMembers) {
        boolean posEmbedded = posStandIn(connectors);
        String crm = crmAccess.connector();
        boolean allEmbedded = connectors.get(crm).embedded() && connectors.get("u8").embedded() && connectors.get("k3").embedded();
        this.demo = seed && allEmbedded;
        if (!demo) {
            this.seeded = false;
            return;
        }
        SqlScripts.run(connectors.dataSource("u8"), "demo/h2/u8-schema.sql");
        SqlScripts.run(connectors.dataSource("k3"), "demo/h2/k3-schema.sql");
        DemoData data = new DemoData(seedValue, customers);
        List<String> filled = new ArrayList<>();
        seedIfEmpty(connectors, crm, "crm_customer", j -> data.writeCrm(new CrmWriter(j)), filled);
        seedIfEmpty(connectors, "u8", "Ap_CloseBill", j -> data.writeU8(new U8ReceiptWriter(j)), filled);
        seedIfEmpty(connectors, "k3", "T_AR_RECEIVEBILL", j -> data.writeK3(new K3ReceiptWriter(j)), filled);
        this.seeded = filled.size() == 3;
        if (posEmbedded) {
            // The POS history of the lapse rules and their backtest, with its ground truth (who really left).
            SqlScripts.run(connectors.dataSource("pos"), "demo/h2/pos-history-schema.sql");
            DemoPosHistory history = new DemoPosHistory(seedValue, posMembers);
            seedIfEmpty(connectors, "pos", "t_rm_saleflow", history::write, filled);
        }
        if (filled.isEmpty()) {
            log.info("demo data kept from the previous start ({}); start with --etlhub.demo.reset=true for a fresh demo",
                    demoDir);
        } else {
            log.info("demo data seeded into {}: {} customers, {} opportunities, {} U8 receipts, {} K3 receipt bills",
                    filled, data.customers().size(), data.opportunities().size(), data.u8Receipts().size(), data.k3Bills().size());
        }
    }

    /**
     * The POS's tables in its embedded stand-in (connectors/pos.yml without POS_JDBC_URL), so the polling
     * route pos-lapse-poll reads an empty POS rather than failing on missing tables.
     */
    private static boolean posStandIn(ConnectorCatalog connectors) {
        boolean embedded = connectors.all().stream().anyMatch(c -> c.id().equals("pos") && c.embedded());
        if (embedded) SqlScripts.run(connectors.dataSource("pos"), "demo/h2/pos-schema.sql");
        return embedded;
    }

    private static void seedIfEmpty(ConnectorCatalog connectors, String connector, String table, Consumer<JdbcTemplate> write,
                                    List<String> filled) {
        JdbcTemplate jdbc = connectors.jdbc(connector);
        try {
            connectors.transactions(connector).executeWithoutResult(status -> {
                Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
                if (rows != null && rows > 0) return;
                write.accept(jdbc);
                filled.add(connector);
            });
        } catch (DuplicateKeyException e) {
            // Another hub (the server, or a one-shot run) started at the same moment and seeded it.
            log.info("demo database {} was seeded by another hub at the same time", connector);
        }
    }

    /** The embedded demo is in use (seeding on, every source an H2 database of the hub's own). */
    boolean demo() { return demo; }

    /** This start seeded a fresh demo. */
    boolean seeded() { return seeded; }
}
