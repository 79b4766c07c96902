package io.etlhub.lapse.rules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** What the rules share: days silent, the verdict for a member without visits. */
final class LapseRules {
    private LapseRules() {}

    static long daysSilent(MemberRhythm member, LocalDate today) {
        return ChronoUnit.DAYS.between(member.visitDays().get(member.visitDays().size() - 1), today);
    }

    static LapseVerdict noVisit(String rule, LapseReasons reasons) {
        List<LapseReasons.Part> why = List.of(new LapseReasons.Part("lapse.reason.noVisit"));
        return new LapseVerdict(rule, false, Double.NaN, reasons.zh(why), reasons.en(why));
    }
}
