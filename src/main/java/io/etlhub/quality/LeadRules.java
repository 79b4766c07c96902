package io.etlhub.quality;

import io.etlhub.connector.Blanks;
import io.etlhub.crm.CrmLeadChecks;
import io.etlhub.crm.CrmLeadChecks.Check;
import io.etlhub.crm.CrmQualityReads;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules on the leads created in the month: blank source, response time, stale and unassigned leads, counted in the
 * CRM by {@link CrmLeadChecks} (one read for all the counts). Each rule reads only its own columns, so one missing
 * column leaves the other lead rules running.
 */
final class LeadRules {
    private final CrmQualityReads crm;
    private final QualitySettings settings;

    LeadRules(CrmQualityReads crm, QualitySettings settings) {
        this.crm = crm;
        this.settings = settings;
    }

    /** The lead rules among {@code on}; the table is not read at all when none is. */
    List<RuleOutcome> evaluate(ReportPeriod period, Set<QualityRule> on) {
        boolean blank = on.contains(QualityRule.BLANK_LEAD_SOURCE_RATE);
        boolean response = on.contains(QualityRule.LEAD_RESPONSE_HOURS);
        boolean stale = on.contains(QualityRule.STALE_LEADS_RATE);
        boolean unassigned = on.contains(QualityRule.UNASSIGNED_LEADS);
        if (!blank && !response && !stale && !unassigned) return List.of();
        Set<Check> checks = EnumSet.noneOf(Check.class);
        if (blank) checks.add(Check.BLANK_SOURCE);
        if (response) checks.add(Check.SLOW_RESPONSE);
        if (stale) checks.add(Check.STALE);
        if (unassigned) checks.add(Check.UNASSIGNED);
        long slowMinutes = response ? settings.band(QualityRule.LEAD_RESPONSE_HOURS).green().multiply(BigDecimal.valueOf(60))
                .setScale(0, RoundingMode.HALF_UP).longValue() : 0;
        CrmLeadChecks leads = crm.leads(settings.leadSourcePlaceholders(), settings.staleLeadHours(), slowMinutes);
        Timestamp start = period.startTs();
        Timestamp end = period.endTs();
        Map<String, Object> c = leads.counts(start, end, checks);
        long total = StageRules.number(c.get("total"));
        List<RuleOutcome> outcomes = new ArrayList<>();
        if (blank) {
            outcomes.add(new RuleOutcome(MetricResult.rate(QualityRule.BLANK_LEAD_SOURCE_RATE, StageRules.number(c.get("blank_source")), total),
                    findings(leads, QualityRule.BLANK_LEAD_SOURCE_RATE, Check.BLANK_SOURCE, "quality.problem.blank-lead-source", start, end)));
        }
        if (response) {
            outcomes.add(new RuleOutcome(MetricResult.average(QualityRule.LEAD_RESPONSE_HOURS, StageRules.number(c.get("response_minutes")),
                    StageRules.number(c.get("followed")), 60, Map.of()),
                    findings(leads, QualityRule.LEAD_RESPONSE_HOURS, Check.SLOW_RESPONSE, "quality.problem.slow-follow-up", start, end)));
        }
        if (stale) {
            outcomes.add(new RuleOutcome(MetricResult.rate(QualityRule.STALE_LEADS_RATE, StageRules.number(c.get("stale")), total),
                    findings(leads, QualityRule.STALE_LEADS_RATE, Check.STALE, "quality.problem.stale-lead", start, end)));
        }
        if (unassigned) {
            outcomes.add(new RuleOutcome(MetricResult.count(QualityRule.UNASSIGNED_LEADS, StageRules.number(c.get("unassigned"))),
                    findings(leads, QualityRule.UNASSIGNED_LEADS, Check.UNASSIGNED, "quality.problem.unassigned-lead", start, end)));
        }
        return outcomes;
    }

    private List<Finding> findings(CrmLeadChecks leads, QualityRule rule, Check check, String problem, Timestamp start, Timestamp end) {
        return leads.findings(check, start, end, settings.maxFindingsPerRule(), (rs, i) -> {
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
        });
    }

    private static String hours(java.sql.ResultSet rs) throws java.sql.SQLException {
        long minutes = rs.getLong("response_minutes");
        return rs.wasNull() ? "" : BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP).toPlainString();
    }
}
