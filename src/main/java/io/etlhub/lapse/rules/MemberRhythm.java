package io.etlhub.lapse.rules;

public record MemberRhythm(String card, String tier, String homeStore, java.util.List<java.time.LocalDate> visitDays, java.util.List<Integer> storeGapDays) {}
