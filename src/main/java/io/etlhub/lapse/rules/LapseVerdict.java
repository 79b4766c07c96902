package io.etlhub.lapse.rules;

public record LapseVerdict(String rule, boolean lapsed, double score, String reasonZh, String reasonEn) {}
