package io.etlhub.quality;

import java.util.List;
import java.util.Map;

/**
 * A rule's metric with its findings (worst owner first); {@code notConfigured} says why a rule was not
 * run (then the metric has no value and there are no findings).
 */
public record RuleOutcome(MetricResult metric, List<Finding> findings, NotConfigured notConfigured) {
    public RuleOutcome(MetricResult metric, List<Finding> findings) {
        this(metric, findings, null);
    }

    static RuleOutcome notConfigured(QualityRule rule, NotConfigured why) {
        return new RuleOutcome(new MetricResult(rule, null, null, null, Map.of()), List.of(), why);
    }
}
