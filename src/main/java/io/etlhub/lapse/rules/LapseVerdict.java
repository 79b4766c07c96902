package io.etlhub.lapse.rules;

/**
 * One rule's verdict on one member: lapsed or not, the rule's score (days silent, silent days over the
 * member's quantile, or P(alive), as the rule says) and the reason in words, Chinese and English.
 */
public record LapseVerdict(String rule, boolean lapsed, double score, String reasonZh, String reasonEn) {}
