package io.etlhub.quality;

import io.etlhub.connector.Dialect;
import io.etlhub.connector.TableMapping;
import io.etlhub.crm.CrmSchema;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where opportunity stage changes are read from: the CRM's own history table when mappings/crm.yml
 * maps one, otherwise the hub's quality_stage_history filled by the Debezium capture.
 * {@code moves} is the history alone (opp_id, from_stage, to_stage, changed_at; the hub's rows also
 * carry opp_no and owner), so counts never touch the opportunity table; {@code named} adds the
 * opportunity's number and owner to the few rows that become findings.
 */
record StageHistorySource(JdbcTemplate jdbc, Dialect dialect, String moves, String opportunityJoin, boolean fromCrm) {

    static StageHistorySource crm(CrmSchema crm, JdbcTemplate crmDb, Dialect crmDialect) {
        TableMapping h = crm.table("stage-history");
        TableMapping o = crm.table("opportunity");
        String moves = "SELECT h." + h.col("opportunity-id") + " AS opp_id, h." + h.col("from-stage") + " AS from_stage, h."
                + h.col("to-stage") + " AS to_stage, h." + h.col("changed-at") + " AS changed_at FROM " + h.table() + " h";
        String join = "SELECT x.*, o." + o.col("number") + " AS opp_no, o." + o.col("owner") + " AS owner FROM (%s) x JOIN "
                + o.table() + " o ON o." + o.col("id") + " = x.opp_id";
        return new StageHistorySource(crmDb, crmDialect, moves, join, true);
    }

    static StageHistorySource hub(JdbcTemplate hub, Dialect dialect) {
        return new StageHistorySource(hub, dialect, "SELECT opportunity_id AS opp_id, opportunity_no AS opp_no, owner, "
                + "from_stage, to_stage, changed_at FROM quality_stage_history", null, false);
    }

    /** The number and owner columns a row of {@code alias} carries along (the hub's history has them, the CRM's not). */
    String carried(String alias) {
        return opportunityJoin == null ? ", " + alias + ".opp_no, " + alias + ".owner" : "";
    }

    /** As {@link #carried}, for rows grouped by opportunity. */
    String carriedGrouped(String alias) {
        return opportunityJoin == null ? ", MAX(" + alias + ".opp_no) AS opp_no, MAX(" + alias + ".owner) AS owner" : "";
    }

    /** Rows with opp_id (and the carried columns) with the opportunity's opp_no and owner added. */
    String named(String rows) {
        return opportunityJoin == null ? rows : opportunityJoin.formatted(rows);
    }
}
