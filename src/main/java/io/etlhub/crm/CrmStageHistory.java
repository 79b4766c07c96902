package io.etlhub.crm;

import io.etlhub.connector.Dialect;
import io.etlhub.connector.TableMapping;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.util.List;
import java.util.Map;

/**
 * The CRM's opportunity stage history (mappings/crm.yml stage-history) as a relation for set-based rules, and the
 * statements over it run in the CRM. {@link #moves()} is the history alone (opp_id, from_stage, to_stage,
 * changed_at), so counts never touch the opportunity table; {@link #named} adds the opportunity's number and owner
 * (opp_no, owner) to the few rows that become findings. Statements given to {@link #queryForMap} and {@link #query}
 * are built over these two and name no CRM table or column of their own.
 */
public final class CrmStageHistory {
    private final JdbcTemplate crm;
    private final Dialect dialect;
    private final String moves;
    private final String opportunityJoin;

    CrmStageHistory(JdbcTemplate crm, Dialect dialect, CrmSchema schema) {
        this.crm = crm;
        this.dialect = dialect;
        TableMapping h = schema.table("stage-history");
        TableMapping o = schema.table("opportunity");
        this.moves = "SELECT h." + h.col("opportunity-id") + " AS opp_id, h." + h.col("from-stage") + " AS from_stage, h."
                + h.col("to-stage") + " AS to_stage, h." + h.col("changed-at") + " AS changed_at FROM " + h.table() + " h";
        this.opportunityJoin = "SELECT x.*, o." + o.col("number") + " AS opp_no, o." + o.col("owner") + " AS owner FROM (%s) x JOIN "
                + o.table() + " o ON o." + o.col("id") + " = x.opp_id";
    }

    public String moves() { return moves; }

    /** Rows with opp_id with the opportunity's opp_no and owner added. */
    public String named(String rows) { return opportunityJoin.formatted(rows); }

    public Dialect dialect() { return dialect; }

    public Map<String, Object> queryForMap(String sql, Object... args) { return crm.queryForMap(sql, args); }

    public <T> List<T> query(String sql, RowMapper<T> row, Object... args) { return crm.query(sql, row, args); }
}
