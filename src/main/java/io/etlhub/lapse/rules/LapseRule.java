package io.etlhub.lapse.rules;

public interface LapseRule { String name(); LapseVerdict evaluate(MemberRhythm member, java.time.LocalDate today); }
