package io.etlhub.lapse.rules;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/**
 * probabilistic: lapsed when the member's probability of still being active is below the tier's
 * threshold (default 0.3): BG/NBD for members with repeat visits, MBG/NBD for a single visit (BG/NBD
 * would say 1), with the parameters fitted for the member's tier or store. Score: P(alive).
 */
@Component
@Order(3)
public class ProbabilisticLapseRule implements LapseRule {
    private final LapseRulesSettings settings;
    private final LapseReasons reasons;
    private final FittedModels models;
    private final GapStatistics gaps = new GapStatistics();

    public ProbabilisticLapseRule(LapseRulesSettings settings, LapseReasons reasons, FittedModels models) {
        this.settings = settings;
        this.reasons = reasons;
        this.models = models;
    }

    @Override
    public String name() {
        return "probabilistic";
    }

    @Override
    public LapseVerdict evaluate(MemberRhythm member, LocalDate today) {
        if (member.visitDays().isEmpty()) return LapseRules.noVisit(name(), reasons);
        LapseRulesSettings.Thresholds t = settings.forTier(member.tier());
        PurchaseHistory history = PurchaseHistory.of(member.visitDays(), today);
        BgNbdModel model = history.x() == 0 ? BgNbdModel.MBG_NBD : BgNbdModel.BG_NBD;
        BgNbdModel.Parameters p = models.parameters(model, member);
        long silent = LapseRules.daysSilent(member, today);
        LapseReasons.Part rhythm = LapseReasons.rhythm(gaps.of(member, t), t.quantile());
        LapseReasons.Part silence = new LapseReasons.Part("lapse.reason.silent", silent);
        if (p == null) {
            List<LapseReasons.Part> why = List.of(rhythm, silence, new LapseReasons.Part("lapse.reason.noModel", member.tier()));
            return new LapseVerdict(name(), false, Double.NaN, reasons.zh(why), reasons.en(why));
        }
        double alive = model.probabilityAlive(p, history);
        String shown = String.format(java.util.Locale.ROOT, "%.2f", alive);
        List<LapseReasons.Part> why = List.of(rhythm, silence, new LapseReasons.Part("lapse.reason.alive", shown));
        return new LapseVerdict(name(), alive < t.aliveThreshold(), alive, reasons.zh(why), reasons.en(why));
    }
}
