package io.etlhub.pipeline;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.JdbcUrls;
import io.etlhub.connector.TableMapping;
import io.etlhub.crm.Crm;
import io.etlhub.crm.CrmSchema;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.util.Map;

/**
 * {@code run init-crm}: creates the hub's one CRM table, the apply journal (mappings/crm.yml
 * apply-journal), with the CRM connector's account. Safe to run again: an existing table is kept.
 */
@Component
class InitCrmCommand implements CliCommand {
    private final ConnectorCatalog connectors;
    private final Crm crmAccess;

    InitCrmCommand(ConnectorCatalog connectors, Crm crmAccess) {
        this.connectors = connectors;
        this.crmAccess = crmAccess;
    }

    @Override
    public String name() { return "init-crm"; }

    @Override
    public int run(Map<String, String> parameters, PrintStream out) throws Exception {
        CrmSchema crm = crmAccess.schema();
        TableMapping journal = crm.table("apply-journal");
        String where = "connector " + crm.connector() + " (" + JdbcUrls.server(connectors.get(crm.connector()).url()) + ")";
        boolean created = crmAccess.createApplyJournal();
        out.println((created ? "created table " : "table already there, kept: ") + journal.table() + " in " + where);
        return 0;
    }
}
