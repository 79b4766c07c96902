package io.etlhub.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one rule measured for a month: the value (null when nothing to measure) and its parts. */
public record MetricResult(QualityRule rule, BigDecimal value, Long numerator, Long denominator, Map<String, Long> details) {

    static MetricResult rate(QualityRule rule, long numerator, long denominator) {
        return new MetricResult(rule, percent(numerator, denominator), numerator, denominator, Map.of());
    }

    static MetricResult count(QualityRule rule, long count) {
        return new MetricResult(rule, BigDecimal.valueOf(count).setScale(2), count, null, Map.of());
    }

    static MetricResult average(QualityRule rule, long total, long count, long divisor, Map<String, Long> details) {
        BigDecimal value = count == 0 ? null
                : BigDecimal.valueOf(total).divide(BigDecimal.valueOf(count).multiply(BigDecimal.valueOf(divisor)), 2, RoundingMode.HALF_UP);
        return new MetricResult(rule, value, total, count, new LinkedHashMap<>(details));
    }

    static BigDecimal percent(long numerator, long denominator) {
        if (denominator == 0) return null;
        return BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP);
    }
}
