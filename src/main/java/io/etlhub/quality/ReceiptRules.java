package io.etlhub.quality;

import io.etlhub.connector.Dialect;
import io.etlhub.crm.CrmOpportunityChecks;
import io.etlhub.crm.CrmQualityReads;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Receipt lag: days between an ERP receipt's document date and the hub's first APPLY of it to the
 * CRM (receipt_ledger / receipt_event in the hub store), for receipts shown in the month; and
 * opportunities whose planned receipt date has passed with nothing received (in the CRM, read by
 * {@link CrmOpportunityChecks}).
 */
final class ReceiptRules {
    /** Upper bounds (days, inclusive) of the lag distribution; the last bucket is open. */
    static final int[] BUCKETS = {1, 3, 7, 30};

    private final JdbcTemplate hub;
    private final Dialect hubDialect;
    private final CrmQualityReads crm;
    private final QualitySettings settings;

    ReceiptRules(JdbcTemplate hub, Dialect hubDialect, CrmQualityReads crm, QualitySettings settings) {
        this.hub = hub;
        this.hubDialect = hubDialect;
        this.crm = crm;
        this.settings = settings;
    }

    /**
     * Receipts whose first APPLY falls in the period: APPLY events of the period (index on action,
     * created_at) with no earlier APPLY of the same document, and the plain first applies the ledger
     * alone records (index on first_seen_at).
     */
    private static String shown(ReportPeriod period) {
        return "SELECT l.source_system, l.document_id, l.document_no, l.opportunity_id, l.opportunity_no, l.document_date, "
                + "e.created_at AS shown_at, TIMESTAMPDIFF(DAY, l.document_date, e.created_at) AS lag_days "
                + "FROM receipt_event e JOIN receipt_ledger l ON l.source_system = e.source_system AND l.document_id = e.document_id "
                + "WHERE e.action = 'APPLY' AND e.created_at >= ? AND e.created_at < ? AND l.state = 'APPLIED' AND l.document_date IS NOT NULL "
                + "AND NOT EXISTS (SELECT 1 FROM receipt_event p WHERE p.source_system = e.source_system AND p.document_id = e.document_id "
                + "AND p.action = 'APPLY' AND (p.created_at < e.created_at OR (p.created_at = e.created_at AND p.id < e.id))) "
                // A plain first apply has no event row: the ledger row without events says it, at first_seen_at (receipts' ReceiptLedger).
                + "UNION ALL SELECT l.source_system, l.document_id, l.document_no, l.opportunity_id, l.opportunity_no, l.document_date, "
                + "l.first_seen_at AS shown_at, TIMESTAMPDIFF(DAY, l.document_date, l.first_seen_at) AS lag_days FROM receipt_ledger l "
                + "WHERE l.first_seen_at >= ? AND l.first_seen_at < ? AND l.state = 'APPLIED' AND l.document_date IS NOT NULL "
                + "AND NOT EXISTS (SELECT 1 FROM receipt_event p WHERE p.source_system = l.source_system AND p.document_id = l.document_id)";
    }

    /** The receipt rules among {@code on}. */
    List<RuleOutcome> evaluate(ReportPeriod period, java.util.Set<QualityRule> on) {
        List<RuleOutcome> outcomes = new ArrayList<>();
        if (on.contains(QualityRule.RECEIPT_LAG_DAYS)) outcomes.add(lag(period));
        if (on.contains(QualityRule.OVERDUE_RECEIPTS)) outcomes.add(overdue(period));
        return outcomes;
    }

    /**
     * The month's lags in two statements over {@link #shown}: the totals and buckets, then the worst lags. One statement
     * carrying the totals as window aggregates on the worst rows was tried (fifth session): 2.5 s slower at the P3
     * bench's size (bench/health-report.sh, BENCHMARKS.md), so it stays two.
     */
    private RuleOutcome lag(ReportPeriod period) {
        StringBuilder buckets = new StringBuilder();
        int lower = Integer.MIN_VALUE;
        for (int i = 0; i <= BUCKETS.length; i++) {
            String cond = i == BUCKETS.length ? "s.lag_days > " + BUCKETS[i - 1]
                    : (i == 0 ? "" : "s.lag_days > " + lower + " AND ") + "s.lag_days <= " + BUCKETS[i];
            buckets.append(", SUM(CASE WHEN ").append(cond).append(" THEN 1 ELSE 0 END) AS b").append(i);
            if (i < BUCKETS.length) lower = BUCKETS[i];
        }
        Object[] range = {period.startTs(), period.endTs(), period.startTs(), period.endTs()};
        Map<String, Object> c = hub.queryForMap("SELECT COUNT(*) AS receipts, SUM(s.lag_days) AS total_days, MAX(s.lag_days) AS max_days"
                + buckets + " FROM (" + shown(period) + ") s", range);
        Map<String, Long> details = new LinkedHashMap<>();
        for (int i = 0; i <= BUCKETS.length; i++) {
            String label = i == 0 ? "<=1" : i == BUCKETS.length ? ">" + BUCKETS[i - 1] : (BUCKETS[i - 1] + 1) + "-" + BUCKETS[i];
            details.put(label, StageRules.number(c.get("b" + i)));
        }
        details.put("max", StageRules.number(c.get("max_days")));
        MetricResult metric = MetricResult.average(QualityRule.RECEIPT_LAG_DAYS, StageRules.number(c.get("total_days")),
                StageRules.number(c.get("receipts")), 1, details);
        String worst = hubDialect.limit("SELECT s.* FROM (" + shown(period) + ") s WHERE s.lag_days > "
                + settings.receiptLagFindingDays() + " ORDER BY s.lag_days DESC, s.document_date, s.document_id", settings.maxFindingsPerRule());
        List<Map<String, Object>> rows = hub.queryForList(worst, range);
        Map<Long, String> owners = rows.isEmpty() ? Map.of() : crm.opportunities().owners(rows.stream().map(r -> r.get("opportunity_id")).filter(o -> o != null)
                .map(o -> ((Number) o).longValue()).distinct().toList());
        List<Finding> findings = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Long opp = r.get("opportunity_id") == null ? null : ((Number) r.get("opportunity_id")).longValue();
            findings.add(new Finding(QualityRule.RECEIPT_LAG_DAYS, r.get("source_system") + ":" + r.get("document_id"),
                    FindingQuery.text(r.get("document_no")), opp == null ? null : owners.get(opp), "quality.problem.receipt-lag",
                    List.of(String.valueOf(r.get("opportunity_no")), String.valueOf(r.get("document_date")),
                            String.valueOf(r.get("lag_days"))),
                    localDateTime(r.get("shown_at"))));
        }
        return new RuleOutcome(metric, worstOwnerFirst(findings));
    }

    private static java.time.LocalDateTime localDateTime(Object value) {
        if (value instanceof java.sql.Timestamp t) return t.toLocalDateTime();
        return (java.time.LocalDateTime) value;
    }

    /** Worst owner first (most findings), then the order the findings came in. */
    static List<Finding> worstOwnerFirst(List<Finding> findings) {
        Function<Finding, String> owner = f -> f.owner() == null ? "" : f.owner();
        Map<String, Long> perOwner = findings.stream().collect(Collectors.groupingBy(owner, Collectors.counting()));
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing((Finding f) -> -perOwner.get(owner.apply(f))).thenComparing(owner));
        return sorted;
    }

    private RuleOutcome overdue(ReportPeriod period) {
        CrmOpportunityChecks opportunities = crm.opportunities();
        Date end = Date.valueOf(period.end().toLocalDate());
        List<Finding> findings = opportunities.overdue(end, settings.maxFindingsPerRule(), (rs, i) -> new Finding(
                QualityRule.OVERDUE_RECEIPTS, FindingQuery.text(rs.getObject("record_id")), rs.getString("record_no"),
                rs.getString("owner"), "quality.problem.overdue-receipt",
                List.of(String.valueOf(rs.getDate("since")), rs.getBigDecimal("signed_amount").setScale(2, java.math.RoundingMode.HALF_UP)
                        .toPlainString() + " " + rs.getString("currency")), FindingQuery.since(rs)));
        return new RuleOutcome(MetricResult.count(QualityRule.OVERDUE_RECEIPTS, opportunities.overdueCount(end)), findings);
    }
}
