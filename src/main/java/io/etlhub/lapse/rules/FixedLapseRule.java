package io.etlhub.lapse.rules;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** fixed: lapsed after more silent days than the tier's floor (default 21). Score: days silent. */
@Component
@Order(1)
public class FixedLapseRule implements LapseRule {
    private final LapseRulesSettings settings;
    private final LapseReasons reasons;

    public FixedLapseRule(LapseRulesSettings settings, LapseReasons reasons) {
        this.settings = settings;
        this.reasons = reasons;
    }

    @Override
    public String name() {
        return "fixed";
    }

    @Override
    public LapseVerdict evaluate(MemberRhythm member, LocalDate today) {
        if (member.visitDays().isEmpty()) return LapseRules.noVisit(name(), reasons);
        int floor = settings.forTier(member.tier()).floorDays();
        long silent = LapseRules.daysSilent(member, today);
        List<LapseReasons.Part> why = List.of(new LapseReasons.Part("lapse.reason.floor", silent, floor));
        return new LapseVerdict(name(), silent > floor, silent, reasons.zh(why), reasons.en(why));
    }
}
