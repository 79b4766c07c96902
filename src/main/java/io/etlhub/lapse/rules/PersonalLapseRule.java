package io.etlhub.lapse.rules;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/**
 * personal: lapsed when silent longer than the tier's quantile (default 0.9) of the member's own gaps,
 * shrunk toward the home store's gaps for a member with few of them ({@link GapStatistics}).
 * Score: days silent over that quantile (above 1 = lapsed).
 */
@Component
@Order(2)
public class PersonalLapseRule implements LapseRule {
    private final LapseRulesSettings settings;
    private final LapseReasons reasons;
    private final GapStatistics gaps = new GapStatistics();

    public PersonalLapseRule(LapseRulesSettings settings, LapseReasons reasons) {
        this.settings = settings;
        this.reasons = reasons;
    }

    @Override
    public String name() {
        return "personal";
    }

    @Override
    public LapseVerdict evaluate(MemberRhythm member, LocalDate today) {
        if (member.visitDays().isEmpty()) return LapseRules.noVisit(name(), reasons);
        LapseRulesSettings.Thresholds t = settings.forTier(member.tier());
        GapStatistics.Rhythm rhythm = gaps.of(member, t);
        long silent = LapseRules.daysSilent(member, today);
        List<LapseReasons.Part> why = List.of(LapseReasons.rhythm(rhythm, t.quantile()), new LapseReasons.Part("lapse.reason.silent", silent));
        return new LapseVerdict(name(), silent > rhythm.quantile(), silent / Math.max(1e-9, rhythm.quantile()), reasons.zh(why), reasons.en(why));
    }
}
