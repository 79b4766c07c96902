package io.etlhub.quality;

import io.etlhub.connector.Dialect;
import io.etlhub.connector.TableMapping;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** Rules on the leads created in the month: blank source, response time, stale and unassigned leads. */
final class LeadRules {
    private final JdbcTemplate crm;
    private final Dialect dialect;
    private final TableMapping lead;
    private final QualitySettings settings;

    LeadRules(JdbcTemplate crm, Dialect dialect, TableMapping lead, QualitySettings settings) {
        this.crm = crm;
        this.dialect = dialect;
        this.lead = lead;
        this.settings = settings;
    }

    private String created() { return lead.col("created-at"); }

    private String followUp() { return lead.col("first-follow-up-at"); }

    private String responseMinutes() { return "TIMESTAMPDIFF(MINUTE, " + created() + ", " + followUp() + ")"; }

    private String blankSource() { return SqlText.blankOrPlaceholder(lead.col("source"), settings.leadSourcePlaceholders()); }

    private String stale() {
        return "(" + followUp() + " IS NULL OR " + responseMinutes() + " > " + settings.staleLeadHours() * 60 + ")";
    }

    private String inPeriod() { return " FROM " + lead.table() + " WHERE " + created() + " >= ? AND " + created() + " < ?"; }

    List<RuleOutcome> evaluate(ReportPeriod period) {
        Object[] range = {period.startTs(), period.endTs()};
        Map<String, Object> c = crm.queryForMap("SELECT COUNT(*) AS total, "
                + "SUM(CASE WHEN " + blankSource() + " THEN 1 ELSE 0 END) AS blank_source, "
                + "SUM(CASE WHEN " + SqlText.blank(lead.col("owner")) + " THEN 1 ELSE 0 END) AS unassigned, "
                + "SUM(CASE WHEN " + stale() + " THEN 1 ELSE 0 END) AS stale, "
                + "COUNT(" + followUp() + ") AS followed, "
                + "SUM(CASE WHEN " + followUp() + " IS NOT NULL THEN " + responseMinutes() + " ELSE 0 END) AS response_minutes"
                + inPeriod(), range);
        long total = StageRules.number(c.get("total"));
        MetricBand response = settings.band(QualityRule.LEAD_RESPONSE_HOURS);
        long slowMinutes = response.green().multiply(BigDecimal.valueOf(60)).setScale(0, RoundingMode.HALF_UP).longValue();
        return List.of(
                new RuleOutcome(MetricResult.rate(QualityRule.BLANK_LEAD_SOURCE_RATE, StageRules.number(c.get("blank_source")), total),
                        findings(QualityRule.BLANK_LEAD_SOURCE_RATE, blankSource(), "quality.problem.blank-lead-source", range)),
                new RuleOutcome(MetricResult.average(QualityRule.LEAD_RESPONSE_HOURS, StageRules.number(c.get("response_minutes")),
                        StageRules.number(c.get("followed")), 60, Map.of()),
                        findings(QualityRule.LEAD_RESPONSE_HOURS, followUp() + " IS NOT NULL AND " + responseMinutes() + " > " + slowMinutes,
                                "quality.problem.slow-follow-up", range)),
                new RuleOutcome(MetricResult.rate(QualityRule.STALE_LEADS_RATE, StageRules.number(c.get("stale")), total),
                        findings(QualityRule.STALE_LEADS_RATE, stale(), "quality.problem.stale-lead", range)),
                new RuleOutcome(MetricResult.count(QualityRule.UNASSIGNED_LEADS, StageRules.number(c.get("unassigned"))),
                        findings(QualityRule.UNASSIGNED_LEADS, SqlText.blank(lead.col("owner")), "quality.problem.unassigned-lead", range)));
    }

    private List<Finding> findings(QualityRule rule, String condition, String problem, Object[] range) {
        String sql = "SELECT " + lead.col("id") + " AS record_id, " + lead.col("number") + " AS record_no, " + lead.col("owner")
                + " AS owner, " + created() + " AS since, " + lead.col("source") + " AS lead_source, "
                + "CASE WHEN " + followUp() + " IS NULL THEN NULL ELSE " + responseMinutes() + " END AS response_minutes"
                + inPeriod() + " AND " + condition;
        return FindingQuery.run(crm, dialect, sql, settings.maxFindingsPerRule(), rs -> {
            long minutes = rs.getLong("response_minutes");
            String hours = rs.wasNull() ? "" : BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP).toPlainString();
            String source = rs.getString("lead_source");
            List<String> args = switch (rule) {
                case BLANK_LEAD_SOURCE_RATE -> List.of(source == null ? "" : source);
                case LEAD_RESPONSE_HOURS -> List.of(hours);
                case STALE_LEADS_RATE -> List.of(hours.isEmpty() ? "-" : hours, String.valueOf(settings.staleLeadHours()));
                default -> List.of();
            };
            return new Finding(rule, FindingQuery.text(rs.getObject("record_id")), rs.getString("record_no"), rs.getString("owner"),
                    problem, args, FindingQuery.since(rs));
        }, range);
    }
}
