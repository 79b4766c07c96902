package io.etlhub.quality;

import io.etlhub.connector.Dialect;
import io.etlhub.connector.TableMapping;
import io.etlhub.crm.CrmSchema;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where opportunity stage changes are read from: the CRM's own history table when mappings/crm.yml
 * maps one (joined to the opportunity for number and owner), otherwise the hub's
 * quality_stage_history filled by the Debezium capture. Either way the same relation:
 * opp_id, opp_no, owner, from_stage, to_stage, changed_at.
 */
record StageHistorySource(JdbcTemplate jdbc, Dialect dialect, String relation, boolean fromCrm) {

    static StageHistorySource crm(CrmSchema crm, JdbcTemplate crmDb, Dialect crmDialect) {
        TableMapping h = crm.table("stage-history");
        TableMapping o = crm.table("opportunity");
        String relation = "SELECT h." + h.col("opportunity-id") + " AS opp_id, o." + o.col("number") + " AS opp_no, o."
                + o.col("owner") + " AS owner, h." + h.col("from-stage") + " AS from_stage, h." + h.col("to-stage")
                + " AS to_stage, h." + h.col("changed-at") + " AS changed_at FROM " + h.table() + " h JOIN " + o.table()
                + " o ON o." + o.col("id") + " = h." + h.col("opportunity-id");
        return new StageHistorySource(crmDb, crmDialect, relation, true);
    }

    static StageHistorySource hub(JdbcTemplate hub, Dialect dialect) {
        return new StageHistorySource(hub, dialect, "SELECT opportunity_id AS opp_id, opportunity_no AS opp_no, owner, "
                + "from_stage, to_stage, changed_at FROM quality_stage_history", false);
    }
}
