package io.etlhub.quality;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** The typed view of mappings/quality.yml: the rules' settings and the metrics' bands. */
public record QualitySettings(
        List<String> stagePipeline,
        List<String> leadSourcePlaceholders,
        Integer staleLeadHours,
        Integer receiptLagFindingDays,
        Integer customerUpdateWindowDays,
        List<String> customerCoreFields,
        Integer maxFindingsPerRule,
        Map<String, MetricBand> metrics,
        List<String> disabledRules) {

    /** Rules switched off (their metric shows "not configured"); ids as in metrics. */
    public boolean disabled(QualityRule rule) {
        return disabledRules != null && disabledRules.contains(rule.id());
    }

    public MetricBand band(QualityRule rule) { return metrics.get(rule.id()); }

    public String finalStage() { return stagePipeline.get(stagePipeline.size() - 1); }

    /** Every problem of the file, one per line; empty when it is usable. */
    public List<String> problems() {
        List<String> problems = new java.util.ArrayList<>();
        if (stagePipeline == null || stagePipeline.size() < 2) {
            problems.add("stage-pipeline: at least two stages are required");
        } else if (new HashSet<>(stagePipeline).size() != stagePipeline.size()) {
            problems.add("stage-pipeline: a stage is listed twice: " + stagePipeline);
        }
        checkTexts("stage-pipeline", stagePipeline, problems);
        checkTexts("lead-source-placeholders", leadSourcePlaceholders, problems);
        positive("stale-lead-hours", staleLeadHours, problems);
        positive("receipt-lag-finding-days", receiptLagFindingDays, problems);
        positive("customer-update-window-days", customerUpdateWindowDays, problems);
        positive("max-findings-per-rule", maxFindingsPerRule, problems);
        if (customerCoreFields == null || customerCoreFields.isEmpty()) problems.add("customer-core-fields: at least one field is required");
        for (QualityRule rule : QualityRule.values()) {
            MetricBand band = metrics == null ? null : metrics.get(rule.id());
            if (band == null) {
                problems.add("metrics." + rule.id() + " is missing");
            } else if (band.problem() != null) {
                problems.add("metrics." + rule.id() + ": " + band.problem());
            }
        }
        if (disabledRules != null) {
            disabledRules.stream().filter(k -> !QualityRule.ids().contains(k))
                    .forEach(k -> problems.add("disabled-rules: unknown rule '" + k + "' (known: " + QualityRule.ids() + ")"));
        }
        if (metrics != null) {
            metrics.keySet().stream().filter(k -> !QualityRule.ids().contains(k))
                    .forEach(k -> problems.add("metrics." + k + ": unknown metric (known: " + QualityRule.ids() + ")"));
        }
        return problems;
    }

    // Stage names and placeholders become SQL literals: keep quotes and backslashes out.
    private static void checkTexts(String key, List<String> values, List<String> problems) {
        if (values == null) return;
        for (String v : values) {
            if (v == null || v.isBlank() || v.contains("'") || v.contains("\\")) {
                problems.add(key + ": '" + v + "' must be non-blank and contain no quote or backslash");
            }
        }
    }

    private static void positive(String key, Integer value, List<String> problems) {
        if (value == null || value <= 0) problems.add(key + ": a positive number is required, found " + value);
    }
}
