package io.etlhub.quality;

import io.etlhub.connector.Dialect;
import io.etlhub.crm.CrmStageHistory;
import io.etlhub.crm.RankedFindings;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.util.List;
import java.util.Map;

/**
 * Where opportunity stage changes are read from, and where the stage rules' statements run: the CRM's own history
 * table when mappings/crm.yml maps one ({@link CrmStageHistory}, run in the CRM by the crm module), otherwise the
 * hub's quality_stage_history filled by the Debezium capture. {@code moves} is the history alone (opp_id, from_stage,
 * to_stage, changed_at; the hub's rows also carry opp_no and owner), so counts never touch the opportunity table;
 * {@link #named} adds the opportunity's number and owner to the few rows that become findings.
 */
final class StageHistorySource {
    private final JdbcTemplate hub;
    private final CrmStageHistory crm;
    private final Dialect dialect;
    private final String moves;

    private StageHistorySource(JdbcTemplate hub, CrmStageHistory crm, Dialect dialect, String moves) {
        this.hub = hub;
        this.crm = crm;
        this.dialect = dialect;
        this.moves = moves;
    }

    static StageHistorySource crm(CrmStageHistory history) {
        return new StageHistorySource(null, history, history.dialect(), history.moves());
    }

    static StageHistorySource hub(JdbcTemplate hub, Dialect dialect) {
        return new StageHistorySource(hub, null, dialect, "SELECT opportunity_id AS opp_id, opportunity_no AS opp_no, owner, "
                + "from_stage, to_stage, changed_at FROM quality_stage_history");
    }

    boolean fromCrm() { return crm != null; }

    String moves() { return moves; }

    /** The number and owner columns a row of {@code alias} carries along (the hub's history has them, the CRM's not). */
    String carried(String alias) {
        return fromCrm() ? "" : ", " + alias + ".opp_no, " + alias + ".owner";
    }

    /** As {@link #carried}, for rows grouped by opportunity. */
    String carriedGrouped(String alias) {
        return fromCrm() ? "" : ", MAX(" + alias + ".opp_no) AS opp_no, MAX(" + alias + ".owner) AS owner";
    }

    /** Rows with opp_id (and the carried columns) with the opportunity's opp_no and owner added. */
    String named(String rows) {
        return fromCrm() ? crm.named(rows) : rows;
    }

    Map<String, Object> queryForMap(String sql, Object... args) {
        return fromCrm() ? crm.queryForMap(sql, args) : hub.queryForMap(sql, args);
    }

    private <T> List<T> query(String sql, RowMapper<T> row, Object... args) {
        return fromCrm() ? crm.query(sql, row, args) : hub.query(sql, row, args);
    }

    /** Findings ranked worst owner first, capped ({@link RankedFindings#byOwner}). */
    List<Finding> findings(String findingsSql, int limit, RowMapper<Finding> row, Object... args) {
        return query(RankedFindings.byOwner(findingsSql, dialect, limit), row, args);
    }

    /** Findings of several rules in one pass (a kind column), ranked and capped per kind ({@link RankedFindings#byOwnerPerKind}). */
    List<Finding> findingsPerKind(String findingsSql, int limit, RowMapper<Finding> row, Object... args) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = limit;
        return query(RankedFindings.byOwnerPerKind(findingsSql), row, all);
    }
}
