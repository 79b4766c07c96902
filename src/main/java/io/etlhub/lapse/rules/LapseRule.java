package io.etlhub.lapse.rules;

import java.time.LocalDate;

/** A lapse rule: decides from a member's rhythm whether the member has lapsed as of {@code today}. */
public interface LapseRule {
    String name();

    LapseVerdict evaluate(MemberRhythm member, LocalDate today);
}
