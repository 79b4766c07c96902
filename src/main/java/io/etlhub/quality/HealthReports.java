package io.etlhub.quality;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The reports in the hub store. A month can be reported again; every report is kept, and the newest
 * report of a month is the one trends and month-on-month changes use.
 */
@Repository
public class HealthReports {
    private static final String ARG_SEPARATOR = "\u001f";
    private static final String LATEST = "r.id = (SELECT MAX(r2.id) FROM quality_report r2 WHERE r2.period = r.period)";

    private final JdbcTemplate hub;
    private final TransactionTemplate transactions;

    public HealthReports(JdbcTemplate hub, TransactionTemplate transactions) {
        this.hub = hub;
        this.transactions = transactions;
    }

    /** Stores the report whole (report, metrics, findings in one transaction) and returns its id. */
    public long save(ReportPeriod period, List<RuleOutcome> outcomes, QualitySettings settings, Long runId, String trigger,
                     String actor, LocalDateTime generatedAt) {
        Map<String, BigDecimal> previous = latestValues(period.previous().month());
        return transactions.execute(status -> {
            long findings = outcomes.stream().mapToLong(o -> o.findings().size()).sum();
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            hub.update(c -> {
                PreparedStatement ps = c.prepareStatement("INSERT INTO quality_report (period, run_id, trigger_type, actor, "
                        + "generated_at, findings) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
                ps.setString(1, period.toString());
                ps.setObject(2, runId);
                ps.setString(3, trigger);
                ps.setString(4, actor);
                ps.setTimestamp(5, Timestamp.valueOf(generatedAt));
                ps.setLong(6, findings);
                return ps;
            }, key);
            long id = key.getKeyList().get(0).values().iterator().next() instanceof Number n ? n.longValue() : -1;
            List<Object[]> metricRows = new ArrayList<>();
            List<Object[]> findingRows = new ArrayList<>();
            for (RuleOutcome o : outcomes) {
                MetricResult m = o.metric();
                MetricBand band = settings.band(m.rule());
                BigDecimal before = previous.get(m.rule().id());
                BigDecimal change = before == null || m.value() == null ? null : m.value().subtract(before);
                NotConfigured off = o.notConfigured();
                Verdict verdict = off != null ? Verdict.NOT_CONFIGURED : band.judge(m.value());
                metricRows.add(new Object[] {id, m.rule().id(), m.value(), m.numerator(), m.denominator(), band.unit(), band.better(),
                        band.green(), band.amber(), verdict.name(), before, change, details(m.details()),
                        off == null ? null : cut(joined(off.messageKey(), off.args()), 500)});
                int seq = 0;
                for (Finding f : o.findings()) {
                    findingRows.add(new Object[] {id, f.rule().id(), ++seq, f.recordId(), cut(f.recordNo(), 200), cut(f.owner(), 100),
                            cut(joined(f.problem(), f.args()), 1000),
                            f.since() == null ? null : Timestamp.valueOf(f.since())});
                }
            }
            hub.batchUpdate("INSERT INTO quality_metric (report_id, metric_id, metric_value, numerator, denominator, unit, better, "
                    + "green_bound, amber_bound, verdict, previous_value, value_change, details, not_configured) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    metricRows);
            for (int from = 0; from < findingRows.size(); from += 2000) {
                hub.batchUpdate("INSERT INTO quality_finding (report_id, rule_id, seq, record_id, record_no, owner, problem, since) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", findingRows.subList(from, Math.min(findingRows.size(), from + 2000)));
            }
            return id;
        });
    }

    public List<HealthReport.Summary> list(int limit) {
        return hub.query("SELECT id, period, generated_at, run_id, findings FROM quality_report ORDER BY id DESC", (rs, i) ->
                new HealthReport.Summary(rs.getLong("id"), rs.getString("period"), rs.getTimestamp("generated_at").toLocalDateTime(),
                        (Long) rs.getObject("run_id", Long.class), rs.getLong("findings"))).stream().limit(limit).toList();
    }

    public HealthReport get(long id) {
        List<HealthReport> found = hub.query("SELECT id, period, generated_at, run_id FROM quality_report WHERE id = ?", (rs, i) ->
                new HealthReport(rs.getLong("id"), rs.getString("period"), rs.getTimestamp("generated_at").toLocalDateTime(),
                        rs.getObject("run_id", Long.class), metrics(id), findings(id)), id);
        if (found.isEmpty()) throw new NoSuchReportException(id);
        return found.get(0);
    }

    private List<HealthReport.MetricLine> metrics(long id) {
        List<HealthReport.MetricLine> lines = hub.query("SELECT * FROM quality_metric WHERE report_id = ?", (rs, i) -> {
            String off = rs.getString("not_configured");
            List<String> parts = off == null ? List.of() : Arrays.asList(off.split(ARG_SEPARATOR, -1));
            return new HealthReport.MetricLine(rs.getString("metric_id"), rs.getBigDecimal("metric_value"),
                    rs.getObject("numerator", Long.class), rs.getObject("denominator", Long.class), rs.getString("unit"),
                    rs.getString("better"), rs.getBigDecimal("green_bound"), rs.getBigDecimal("amber_bound"),
                    Verdict.valueOf(rs.getString("verdict")), rs.getBigDecimal("previous_value"), rs.getBigDecimal("value_change"),
                    rs.getString("details"), off == null ? null : parts.get(0), off == null ? List.of() : parts.subList(1, parts.size()));
        }, id);
        List<String> order = QualityRule.ids();
        lines.sort(java.util.Comparator.comparing(l -> order.indexOf(l.metricId())));
        return lines;
    }

    private Map<String, List<HealthReport.StoredFinding>> findings(long id) {
        Map<String, List<HealthReport.StoredFinding>> byRule = new LinkedHashMap<>();
        for (String rule : QualityRule.ids()) byRule.put(rule, new ArrayList<>());
        hub.query("SELECT * FROM quality_finding WHERE report_id = ? ORDER BY rule_id, seq", rs -> {
            List<String> parts = Arrays.asList(rs.getString("problem").split(ARG_SEPARATOR, -1));
            Timestamp since = rs.getTimestamp("since");
            byRule.computeIfAbsent(rs.getString("rule_id"), k -> new ArrayList<>()).add(new HealthReport.StoredFinding(
                    rs.getString("rule_id"), rs.getString("record_id"), rs.getString("record_no"), rs.getString("owner"), parts.get(0),
                    parts.subList(1, parts.size()), since == null ? null : since.toLocalDateTime()));
        }, id);
        return byRule;
    }

    /** The newest report's value of every metric for each of the months up to and including {@code last}. */
    public Map<String, Map<YearMonth, BigDecimal>> trend(YearMonth last, int months) {
        YearMonth first = last.minusMonths(months - 1L);
        Map<String, Map<YearMonth, BigDecimal>> trend = new LinkedHashMap<>();
        for (String rule : QualityRule.ids()) trend.put(rule, new TreeMap<>());
        hub.query("SELECT r.period, m.metric_id, m.metric_value FROM quality_report r JOIN quality_metric m ON m.report_id = r.id "
                + "WHERE r.period >= ? AND r.period <= ? AND " + LATEST, rs -> {
            Map<YearMonth, BigDecimal> series = trend.get(rs.getString("metric_id"));
            if (series != null) series.put(YearMonth.parse(rs.getString("period")), rs.getBigDecimal("metric_value"));
        }, first.toString(), last.toString());
        return trend;
    }

    private Map<String, BigDecimal> latestValues(YearMonth month) {
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        hub.query("SELECT m.metric_id, m.metric_value FROM quality_report r JOIN quality_metric m ON m.report_id = r.id "
                + "WHERE r.period = ? AND " + LATEST, rs -> {
            values.put(rs.getString("metric_id"), rs.getBigDecimal("metric_value"));
        }, month.toString());
        return values;
    }

    /** A message key and its arguments in one column. */
    private static String joined(String key, List<String> args) {
        return key + (args.isEmpty() ? "" : ARG_SEPARATOR + String.join(ARG_SEPARATOR, args));
    }

    private static String details(Map<String, Long> details) {
        return details.isEmpty() ? null : details.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    public static class NoSuchReportException extends io.etlhub.pipeline.Refusal {
        NoSuchReportException(long id) {
            super("no data-health report with id " + id, "quality.refused.noReport", String.valueOf(id));
        }
    }
}
