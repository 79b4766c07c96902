package io.etlhub.quality;

import io.etlhub.crm.CrmCustomerChecks;
import io.etlhub.crm.CrmQualityReads;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Customer rules over the customers that existed at the end of the month: field edits per customer
 * in the window before the month end, and completeness of the core fields (as the CRM holds them now),
 * counted in the CRM by {@link CrmCustomerChecks}.
 */
final class CustomerRules {
    private final CrmQualityReads crm;
    private final QualitySettings settings;

    CustomerRules(CrmQualityReads crm, QualitySettings settings) {
        this.crm = crm;
        this.settings = settings;
    }

    /** The customer rules among {@code on}; a rule not in it may have no table or column to read. */
    List<RuleOutcome> evaluate(ReportPeriod period, java.util.Set<QualityRule> on) {
        boolean frequency = on.contains(QualityRule.CUSTOMER_UPDATE_FREQUENCY);
        boolean core = on.contains(QualityRule.CORE_FIELD_COMPLETENESS);
        if (!frequency && !core) return List.of();
        CrmCustomerChecks customers = crm.customers();
        List<RuleOutcome> outcomes = new ArrayList<>();
        if (frequency) outcomes.add(updateFrequency(customers, period));
        if (core) outcomes.add(coreFields(customers, period));
        return outcomes;
    }

    private RuleOutcome updateFrequency(CrmCustomerChecks customers, ReportPeriod period) {
        Timestamp end = period.endTs();
        Timestamp windowStart = Timestamp.valueOf(period.end().minusDays(settings.customerUpdateWindowDays()));
        Map<String, Object> c = customers.editCounts(windowStart, end);
        long count = StageRules.number(c.get("customers"));
        long edits = StageRules.number(c.get("edits"));
        BigDecimal value = count == 0 ? null
                : BigDecimal.valueOf(edits).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
        MetricResult metric = new MetricResult(QualityRule.CUSTOMER_UPDATE_FREQUENCY, value, edits, count, Map.of());
        List<Finding> findings = customers.notEdited(windowStart, end, settings.maxFindingsPerRule(), (rs, i) -> new Finding(
                QualityRule.CUSTOMER_UPDATE_FREQUENCY, FindingQuery.text(rs.getObject("record_id")), rs.getString("record_no"),
                rs.getString("owner"), "quality.problem.customer-not-updated",
                List.of(String.valueOf(settings.customerUpdateWindowDays())), FindingQuery.since(rs)));
        return new RuleOutcome(metric, findings);
    }

    private RuleOutcome coreFields(CrmCustomerChecks customers, ReportPeriod period) {
        List<String> fields = settings.customerCoreFields();
        Map<String, Object> c = customers.completeCounts(fields, period.endTs());
        List<Finding> findings = customers.incomplete(fields, period.endTs(), settings.maxFindingsPerRule(), (rs, i) -> {
            List<String> missing = new ArrayList<>();
            for (int f = 0; f < fields.size(); f++) if (rs.getInt("blank" + f) == 1) missing.add(fields.get(f));
            return new Finding(QualityRule.CORE_FIELD_COMPLETENESS, FindingQuery.text(rs.getObject("record_id")),
                    rs.getString("record_no"), rs.getString("owner"), "quality.problem.core-fields-missing",
                    List.of(String.join(", ", missing)), FindingQuery.since(rs));
        });
        return new RuleOutcome(MetricResult.rate(QualityRule.CORE_FIELD_COMPLETENESS, StageRules.number(c.get("complete")),
                StageRules.number(c.get("customers"))), findings);
    }
}
