package io.etlhub.quality;

import java.util.List;

/** A rule's metric with its findings (worst owner first). */
public record RuleOutcome(MetricResult metric, List<Finding> findings) {}
