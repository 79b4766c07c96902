package io.etlhub.quality;

import io.etlhub.connector.Blanks;
import io.etlhub.connector.Dialect;
import io.etlhub.connector.TableMapping;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules on the leads created in the month: blank source, response time, stale and unassigned leads.
 * Each rule reads only its own columns, so one missing column leaves the other lead rules running.
 */
final class LeadRules {
    private final JdbcTemplate crm;
    private final Dialect dialect;
    private final TableMapping lead;
    private final QualitySettings settings;
    private final Blanks.Sql blanks;

    LeadRules(JdbcTemplate crm, Dialect dialect, TableMapping lead, QualitySettings settings) {
        this.crm = crm;
        this.dialect = dialect;
        this.lead = lead;
        this.settings = settings;
        this.blanks = Blanks.sql(dialect);
    }

    private String created() { return lead.col("created-at"); }

    private String followUp() { return lead.col("first-follow-up-at"); }

    private String responseMinutes() { return "TIMESTAMPDIFF(MINUTE, " + created() + ", " + followUp() + ")"; }

    private String blankSource() { return blanks.blankOrPlaceholder(lead.col("source"), settings.leadSourcePlaceholders()); }

    private String unassigned() { return blanks.blank(lead.col("owner")); }

    private String stale() {
        return "(" + followUp() + " IS NULL OR " + responseMinutes() + " > " + settings.staleLeadHours() * 60 + ")";
    }

    private String inPeriod() { return " FROM " + lead.table() + " WHERE " + created() + " >= ? AND " + created() + " < ?"; }

    /** The lead rules among {@code on}; the table is not read at all when none is. */
    List<RuleOutcome> evaluate(ReportPeriod period, Set<QualityRule> on) {
        boolean blank = on.contains(QualityRule.BLANK_LEAD_SOURCE_RATE);
        boolean response = on.contains(QualityRule.LEAD_RESPONSE_HOURS);
        boolean stale = on.contains(QualityRule.STALE_LEADS_RATE);
        boolean unassigned = on.contains(QualityRule.UNASSIGNED_LEADS);
        if (!blank && !response && !stale && !unassigned) return List.of();
        Object[] range = {period.startTs(), period.endTs()};
        StringBuilder counts = new StringBuilder("SELECT COUNT(*) AS total");
        if (blank) counts.append(", SUM(CASE WHEN ").append(blankSource()).append(" THEN 1 ELSE 0 END) AS blank_source");
        if (unassigned) counts.append(", SUM(CASE WHEN ").append(unassigned()).append(" THEN 1 ELSE 0 END) AS unassigned");
        if (stale) counts.append(", SUM(CASE WHEN ").append(stale()).append(" THEN 1 ELSE 0 END) AS stale");
        if (response) {
            counts.append(", COUNT(").append(followUp()).append(") AS followed, SUM(CASE WHEN ").append(followUp())
                    .append(" IS NOT NULL THEN ").append(responseMinutes()).append(" ELSE 0 END) AS response_minutes");
        }
        Map<String, Object> c = crm.queryForMap(counts + inPeriod(), range);
        long total = StageRules.number(c.get("total"));
        List<RuleOutcome> outcomes = new ArrayList<>();
        if (blank) {
            outcomes.add(new RuleOutcome(MetricResult.rate(QualityRule.BLANK_LEAD_SOURCE_RATE, StageRules.number(c.get("blank_source")), total),
                    findings(QualityRule.BLANK_LEAD_SOURCE_RATE, blankSource(), "quality.problem.blank-lead-source", range)));
        }
        if (response) {
            MetricBand band = settings.band(QualityRule.LEAD_RESPONSE_HOURS);
            long slowMinutes = band.green().multiply(BigDecimal.valueOf(60)).setScale(0, RoundingMode.HALF_UP).longValue();
            outcomes.add(new RuleOutcome(MetricResult.average(QualityRule.LEAD_RESPONSE_HOURS, StageRules.number(c.get("response_minutes")),
                    StageRules.number(c.get("followed")), 60, Map.of()),
                    findings(QualityRule.LEAD_RESPONSE_HOURS, followUp() + " IS NOT NULL AND " + responseMinutes() + " > " + slowMinutes,
                            "quality.problem.slow-follow-up", range)));
        }
        if (stale) {
            outcomes.add(new RuleOutcome(MetricResult.rate(QualityRule.STALE_LEADS_RATE, StageRules.number(c.get("stale")), total),
                    findings(QualityRule.STALE_LEADS_RATE, stale(), "quality.problem.stale-lead", range)));
        }
        if (unassigned) {
            outcomes.add(new RuleOutcome(MetricResult.count(QualityRule.UNASSIGNED_LEADS, StageRules.number(c.get("unassigned"))),
                    findings(QualityRule.UNASSIGNED_LEADS, unassigned(), "quality.problem.unassigned-lead", range)));
        }
        return outcomes;
    }

    /** The rule's own column for its finding text: the source, or the response time. */
    private String extraColumn(QualityRule rule) {
        return switch (rule) {
            case BLANK_LEAD_SOURCE_RATE -> ", " + lead.col("source") + " AS lead_source";
            case LEAD_RESPONSE_HOURS, STALE_LEADS_RATE -> ", CASE WHEN " + followUp() + " IS NULL THEN NULL ELSE "
                    + responseMinutes() + " END AS response_minutes";
            default -> "";
        };
    }

    private List<Finding> findings(QualityRule rule, String condition, String problem, Object[] range) {
        String sql = "SELECT " + lead.col("id") + " AS record_id, " + lead.col("number") + " AS record_no, " + lead.col("owner")
                + " AS owner, " + created() + " AS since" + extraColumn(rule) + inPeriod() + " AND " + condition;
        return FindingQuery.run(crm, dialect, sql, settings.maxFindingsPerRule(), rs -> {
            List<String> args = switch (rule) {
                case BLANK_LEAD_SOURCE_RATE -> {
                    String source = rs.getString("lead_source");
                    yield List.of(source == null ? "" : Blanks.spelled(source));
                }
                case LEAD_RESPONSE_HOURS -> List.of(hours(rs));
                case STALE_LEADS_RATE -> {
                    String hours = hours(rs);
                    yield List.of(hours.isEmpty() ? "-" : hours, String.valueOf(settings.staleLeadHours()));
                }
                default -> List.of();
            };
            return new Finding(rule, FindingQuery.text(rs.getObject("record_id")), rs.getString("record_no"), rs.getString("owner"),
                    problem, args, FindingQuery.since(rs));
        }, range);
    }

    private static String hours(java.sql.ResultSet rs) throws java.sql.SQLException {
        long minutes = rs.getLong("response_minutes");
        return rs.wasNull() ? "" : BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP).toPlainString();
    }
}
