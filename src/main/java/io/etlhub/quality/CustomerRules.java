package io.etlhub.quality;

import io.etlhub.connector.Blanks;
import io.etlhub.connector.Dialect;
import io.etlhub.connector.TableMapping;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Customer rules over the customers that existed at the end of the month: field edits per customer
 * in the window before the month end, and completeness of the core fields (as the CRM holds them now).
 */
final class CustomerRules {
    private final JdbcTemplate crm;
    private final Dialect dialect;
    private final TableMapping customer;
    private final TableMapping changes;
    private final QualitySettings settings;

    CustomerRules(JdbcTemplate crm, Dialect dialect, TableMapping customer, TableMapping changes, QualitySettings settings) {
        this.crm = crm;
        this.dialect = dialect;
        this.customer = customer;
        this.changes = changes;
        this.settings = settings;
    }

    /** The customer rules among {@code on}; a rule not in it may have no table or column to read. */
    List<RuleOutcome> evaluate(ReportPeriod period, java.util.Set<QualityRule> on) {
        List<RuleOutcome> outcomes = new ArrayList<>();
        if (on.contains(QualityRule.CUSTOMER_UPDATE_FREQUENCY)) outcomes.add(updateFrequency(period));
        if (on.contains(QualityRule.CORE_FIELD_COMPLETENESS)) outcomes.add(coreFields(period));
        return outcomes;
    }

    private RuleOutcome updateFrequency(ReportPeriod period) {
        Timestamp end = period.endTs();
        Timestamp windowStart = Timestamp.valueOf(period.end().minusDays(settings.customerUpdateWindowDays()));
        String changedAt = changes.col("changed-at");
        Map<String, Object> c = crm.queryForMap("SELECT (SELECT COUNT(*) FROM " + customer.table() + " WHERE "
                + customer.col("created-at") + " < ?) AS customers, (SELECT COUNT(*) FROM " + changes.table() + " WHERE "
                + changedAt + " >= ? AND " + changedAt + " < ?) AS edits", end, windowStart, end);
        long customers = StageRules.number(c.get("customers"));
        long edits = StageRules.number(c.get("edits"));
        BigDecimal value = customers == 0 ? null
                : BigDecimal.valueOf(edits).divide(BigDecimal.valueOf(customers), 2, RoundingMode.HALF_UP);
        MetricResult metric = new MetricResult(QualityRule.CUSTOMER_UPDATE_FREQUENCY, value, edits, customers, Map.of());
        String id = "c." + customer.col("id");
        String lastEdit = "(SELECT MAX(x." + changedAt + ") FROM " + changes.table() + " x WHERE x." + changes.col("customer-id")
                + " = " + id + " AND x." + changedAt + " < ?)";
        String sql = "SELECT " + id + " AS record_id, c." + customer.col("name") + " AS record_no, c." + customer.col("owner")
                + " AS owner, COALESCE(" + lastEdit + ", c." + customer.col("created-at") + ") AS since FROM " + customer.table()
                + " c WHERE c." + customer.col("created-at") + " < ? AND NOT EXISTS (SELECT 1 FROM " + changes.table() + " y WHERE y."
                + changes.col("customer-id") + " = " + id + " AND y." + changedAt + " >= ? AND y." + changedAt + " < ?)";
        List<Finding> findings = FindingQuery.run(crm, dialect, sql, settings.maxFindingsPerRule(), rs -> new Finding(
                QualityRule.CUSTOMER_UPDATE_FREQUENCY, FindingQuery.text(rs.getObject("record_id")), rs.getString("record_no"),
                rs.getString("owner"), "quality.problem.customer-not-updated",
                List.of(String.valueOf(settings.customerUpdateWindowDays())), FindingQuery.since(rs)), end, end, windowStart, end);
        return new RuleOutcome(metric, findings);
    }

    private RuleOutcome coreFields(ReportPeriod period) {
        List<String> fields = settings.customerCoreFields();
        Blanks.Sql blank = Blanks.sql(dialect);
        List<String> blanks = fields.stream().map(f -> blank.blank("c." + customer.col(f))).toList();
        String anyBlank = String.join(" OR ", blanks);
        String created = "c." + customer.col("created-at");
        Map<String, Object> c = crm.queryForMap("SELECT COUNT(*) AS customers, SUM(CASE WHEN " + anyBlank
                + " THEN 0 ELSE 1 END) AS complete FROM " + customer.table() + " c WHERE " + created + " < ?", period.endTs());
        StringBuilder flags = new StringBuilder();
        for (int i = 0; i < blanks.size(); i++) {
            flags.append(", CASE WHEN ").append(blanks.get(i)).append(" THEN 1 ELSE 0 END AS blank").append(i);
        }
        String sql = "SELECT c." + customer.col("id") + " AS record_id, c." + customer.col("name") + " AS record_no, c."
                + customer.col("owner") + " AS owner, " + created + " AS since" + flags + " FROM " + customer.table() + " c WHERE "
                + created + " < ? AND (" + anyBlank + ")";
        List<Finding> findings = FindingQuery.run(crm, dialect, sql, settings.maxFindingsPerRule(), rs -> {
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) if (rs.getInt("blank" + i) == 1) missing.add(fields.get(i));
            return new Finding(QualityRule.CORE_FIELD_COMPLETENESS, FindingQuery.text(rs.getObject("record_id")),
                    rs.getString("record_no"), rs.getString("owner"), "quality.problem.core-fields-missing",
                    List.of(String.join(", ", missing)), FindingQuery.since(rs));
        }, period.endTs());
        return new RuleOutcome(MetricResult.rate(QualityRule.CORE_FIELD_COMPLETENESS, StageRules.number(c.get("complete")),
                StageRules.number(c.get("customers"))), findings);
    }
}
