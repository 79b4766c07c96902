package io.etlhub.quality;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/** A stored monthly data-health report: every metric with its verdict and trend, and the findings per rule. */
public record HealthReport(long id, String period, LocalDateTime generatedAt, Long runId, List<MetricLine> metrics,
                           Map<String, List<StoredFinding>> findings) {

    public record MetricLine(String metricId, BigDecimal value, Long numerator, Long denominator, String unit, String better,
                             BigDecimal green, BigDecimal amber, Verdict verdict, BigDecimal previous, BigDecimal change,
                             String details, String notConfigured, List<String> notConfiguredArgs) {}

    public record StoredFinding(String ruleId, String recordId, String recordNo, String owner, String problem,
                                List<String> args, LocalDateTime since) {}

    public record Summary(long id, String period, LocalDateTime generatedAt, Long runId, long findings) {}

    public MetricLine metric(String id) {
        return metrics.stream().filter(m -> m.metricId().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("report " + this.id + " has no metric " + id));
    }
}
