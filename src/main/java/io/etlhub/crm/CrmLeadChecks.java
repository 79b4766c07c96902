package io.etlhub.crm;

import io.etlhub.connector.Blanks;
import io.etlhub.connector.Dialect;
import io.etlhub.connector.TableMapping;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data-health checks on the leads created in a period, counted in the CRM (mappings/crm.yml table lead).
 * Each check reads only its own columns, so one missing column leaves the other checks running.
 */
public final class CrmLeadChecks {
    /** What is checked on a lead. */
    public enum Check { BLANK_SOURCE, SLOW_RESPONSE, STALE, UNASSIGNED }

    private final JdbcTemplate crm;
    private final Dialect dialect;
    private final TableMapping lead;
    private final Blanks.Sql blanks;
    private final List<String> sourcePlaceholders;
    private final int staleHours;
    private final long slowMinutes;

    CrmLeadChecks(JdbcTemplate crm, Dialect dialect, TableMapping lead, List<String> sourcePlaceholders, int staleHours,
                  long slowMinutes) {
        this.crm = crm;
        this.dialect = dialect;
        this.lead = lead;
        this.blanks = Blanks.sql(dialect);
        this.sourcePlaceholders = sourcePlaceholders;
        this.staleHours = staleHours;
        this.slowMinutes = slowMinutes;
    }

    private String created() { return lead.col("created-at"); }

    private String followUp() { return lead.col("first-follow-up-at"); }

    private String responseMinutes() { return "TIMESTAMPDIFF(MINUTE, " + created() + ", " + followUp() + ")"; }

    private String stale() {
        return "(" + followUp() + " IS NULL OR " + responseMinutes() + " > " + staleHours * 60L + ")";
    }

    private String condition(Check check) {
        return switch (check) {
            case BLANK_SOURCE -> blanks.blankOrPlaceholder(lead.col("source"), sourcePlaceholders);
            case SLOW_RESPONSE -> followUp() + " IS NOT NULL AND " + responseMinutes() + " > " + slowMinutes;
            case STALE -> stale();
            case UNASSIGNED -> blanks.blank(lead.col("owner"));
        };
    }

    private String inPeriod() { return " FROM " + lead.table() + " WHERE " + created() + " >= ? AND " + created() + " < ?"; }

    /**
     * One read of the period's leads: total, and for the checks asked blank_source, unassigned, stale, and for
     * SLOW_RESPONSE followed (leads followed up) and response_minutes (their summed response time).
     */
    public Map<String, Object> counts(Timestamp start, Timestamp end, Set<Check> checks) {
        StringBuilder counts = new StringBuilder("SELECT COUNT(*) AS total");
        if (checks.contains(Check.BLANK_SOURCE)) counted(counts, Check.BLANK_SOURCE, "blank_source");
        if (checks.contains(Check.UNASSIGNED)) counted(counts, Check.UNASSIGNED, "unassigned");
        if (checks.contains(Check.STALE)) counted(counts, Check.STALE, "stale");
        if (checks.contains(Check.SLOW_RESPONSE)) {
            counts.append(", COUNT(").append(followUp()).append(") AS followed, SUM(CASE WHEN ").append(followUp())
                    .append(" IS NOT NULL THEN ").append(responseMinutes()).append(" ELSE 0 END) AS response_minutes");
        }
        return crm.queryForMap(counts + inPeriod(), start, end);
    }

    private void counted(StringBuilder counts, Check check, String alias) {
        counts.append(", SUM(CASE WHEN ").append(condition(check)).append(" THEN 1 ELSE 0 END) AS ").append(alias);
    }

    /**
     * The period's leads failing a check, worst owner first, at most {@code limit}: record_id, record_no, owner, since
     * (created), and lead_source (BLANK_SOURCE) or response_minutes (SLOW_RESPONSE, STALE; NULL when not followed up).
     */
    public <T> List<T> findings(Check check, Timestamp start, Timestamp end, int limit, RowMapper<T> row) {
        String extra = switch (check) {
            case BLANK_SOURCE -> ", " + lead.col("source") + " AS lead_source";
            case SLOW_RESPONSE, STALE -> ", CASE WHEN " + followUp() + " IS NULL THEN NULL ELSE " + responseMinutes()
                    + " END AS response_minutes";
            case UNASSIGNED -> "";
        };
        String sql = "SELECT " + lead.col("id") + " AS record_id, " + lead.col("number") + " AS record_no, " + lead.col("owner")
                + " AS owner, " + created() + " AS since" + extra + inPeriod() + " AND " + condition(check);
        return crm.query(RankedFindings.byOwner(sql, dialect, limit), row, start, end);
    }
}
