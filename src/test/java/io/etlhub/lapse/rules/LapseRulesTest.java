package io.etlhub.lapse.rules;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LapseRulesTest {
    private static final LocalDate START = LocalDate.of(2026, 9, 1);
    private static final LapseReasons REASONS = LapseReasons.fromBundle();
    private static final LapseRulesSettings STANDARD = LapseRulesSettings.standard();

    private static MemberRhythm member(String tier, List<Integer> storeGaps, int... gaps) {
        List<LocalDate> days = new ArrayList<>(List.of(START));
        for (int g : gaps) days.add(days.get(days.size() - 1).plusDays(g));
        return new MemberRhythm("V001", tier, "S01", days, storeGaps);
    }

    private static LocalDate silentFor(MemberRhythm m, int days) {
        return m.visitDays().get(m.visitDays().size() - 1).plusDays(days);
    }

    @Test
    void fixedFiresAfterTheFloorPerTier() {
        LapseRulesSettings settings = new LapseRulesSettings(STANDARD.defaults(),
                Map.of("VIP", new LapseRulesSettings.Overrides(14, null, null, null)), LapseRulesSettings.FitScope.TIER);
        FixedLapseRule fixed = new FixedLapseRule(settings, REASONS);
        MemberRhythm normal = member("normal", List.of(), 7, 7);
        assertThat(fixed.evaluate(normal, silentFor(normal, 21)).lapsed()).isFalse();
        LapseVerdict late = fixed.evaluate(normal, silentFor(normal, 22));
        assertThat(late.lapsed()).isTrue();
        assertThat(late.score()).isEqualTo(22);
        assertThat(late.reasonEn()).isEqualTo("silent 22 days (floor 21)");
        assertThat(late.reasonZh()).isEqualTo("已22天未来（阈值21天）");
        MemberRhythm vip = member("VIP", List.of(), 7, 7);
        assertThat(fixed.evaluate(vip, silentFor(vip, 15)).lapsed()).isTrue();
        assertThat(settings.forTier("VIP").quantile()).isEqualTo(0.9);
    }

    /*
     * Own gaps sorted 5 6 6 6 7 9 9 (7 gaps, no shrinkage). Median: h = 6 * 0.5 = 3 -> 6.
     * 0.9-quantile: h = 6 * 0.9 = 5.4 -> g[5] + 0.4 (g[6] - g[5]) = 9 + 0.4 * 0 = 9. Silent 9: not lapsed; 10: lapsed.
     */
    @Test
    void personalUsesTheMembersOwnQuantile() {
        PersonalLapseRule personal = new PersonalLapseRule(STANDARD, REASONS);
        MemberRhythm m = member("normal", List.of(30, 30, 30), 6, 5, 9, 6, 7, 9, 6);
        assertThat(personal.evaluate(m, silentFor(m, 9)).lapsed()).isFalse();
        LapseVerdict v = personal.evaluate(m, silentFor(m, 10));
        assertThat(v.lapsed()).isTrue();
        assertThat(v.score()).isCloseTo(10.0 / 9, within(1e-12));
        assertThat(v.reasonEn()).isEqualTo("usually every 6 days (90% within 9), silent 10 days");
    }

    /*
     * One own gap (10) and store gaps 4 6 8 10 20, k = min-own-gaps = 3, q = 0.9.
     * Store 0.9-quantile: h = 4 * 0.9 = 3.6 -> 10 + 0.6 * (20 - 10) = 16; own: 10.
     * Shrunk: (1 * 10 + (3 - 1) * 16) / 3 = 42 / 3 = 14. Silent 14: not lapsed; 15: lapsed.
     * Median: store 8, own 10 -> (10 + 2 * 8) / 3 = 26 / 3 = 8.67, shown 9.
     * A single visit (no own gap): the store's 16. No store gaps either: the fixed floor, 21.
     */
    @Test
    void personalShrinksTowardTheStoreWithFewGaps() {
        PersonalLapseRule personal = new PersonalLapseRule(STANDARD, REASONS);
        List<Integer> store = List.of(20, 4, 10, 6, 8);
        MemberRhythm two = member("normal", store, 10);
        assertThat(personal.evaluate(two, silentFor(two, 14)).lapsed()).isFalse();
        LapseVerdict v = personal.evaluate(two, silentFor(two, 15));
        assertThat(v.lapsed()).isTrue();
        assertThat(v.score()).isCloseTo(15.0 / 14, within(1e-12));
        assertThat(v.reasonEn()).isEqualTo("usually every 9 days (90% within 14, from 1 own gaps and the store's members), silent 15 days");
        assertThat(v.reasonZh()).isEqualTo("通常每9天来一次（90%在14天内，按本人1个间隔并参照门店会员估计），已15天未来");

        MemberRhythm once = member("normal", store);
        assertThat(personal.evaluate(once, silentFor(once, 16)).lapsed()).isFalse();
        assertThat(personal.evaluate(once, silentFor(once, 17)).lapsed()).isTrue();

        MemberRhythm alone = member("normal", List.of());
        assertThat(personal.evaluate(alone, silentFor(alone, 21)).lapsed()).isFalse();
        assertThat(personal.evaluate(alone, silentFor(alone, 22)).lapsed()).isTrue();
    }

    /*
     * Gaps 6 5 9 6 7 9 6 (x = 7, t_x = 48), silent 23: T = 71. r = alpha = a = b = 1 (BG/NBD, x > 0):
     * P(alive) = 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)) = 1 / (1 + (1/7) (72/49)^8)
     *          = 1 / (1 + 21.7316 / 7) = 1 / 4.1045 = 0.2436 -> shown 0.24; below 0.3: lapsed.
     */
    @Test
    void probabilisticSaysWhyInBothLanguages() {
        ProbabilisticLapseRule rule = new ProbabilisticLapseRule(STANDARD, REASONS,
                (model, m) -> model == BgNbdModel.BG_NBD ? new BgNbdModel.Parameters(1, 1, 1, 1) : null);
        MemberRhythm m = member("normal", List.of(), 6, 5, 9, 6, 7, 9, 6);
        LapseVerdict v = rule.evaluate(m, silentFor(m, 23));
        assertThat(v.score()).isCloseTo(0.243634, within(1e-6));
        assertThat(v.lapsed()).isTrue();
        assertThat(v.reasonEn()).isEqualTo("usually every 6 days (90% within 9), silent 23 days, probability active 0.24");
        assertThat(v.reasonZh()).isEqualTo("通常每6天来一次（90%在9天内），已23天未来，仍活跃概率0.24");
    }

    /*
     * A single visit uses MBG/NBD: r = 2, alpha = 4, a = 1, b = 3, T = 3: P = 48/97 = 0.495 (BgNbdModelTest), not lapsed
     * at 0.3; without a fitted MBG/NBD model the rule stays quiet and says so.
     */
    @Test
    void singleVisitUsesTheModifiedModel() {
        ProbabilisticLapseRule rule = new ProbabilisticLapseRule(STANDARD, REASONS,
                (model, m) -> model == BgNbdModel.MBG_NBD ? new BgNbdModel.Parameters(2, 4, 1, 3) : null);
        MemberRhythm once = member("normal", List.of());
        LapseVerdict v = rule.evaluate(once, silentFor(once, 3));
        assertThat(v.score()).isCloseTo(48.0 / 97, within(1e-12));
        assertThat(v.lapsed()).isFalse();
        LapseVerdict none = new ProbabilisticLapseRule(STANDARD, REASONS, (model, m) -> null).evaluate(once, silentFor(once, 3));
        assertThat(none.lapsed()).isFalse();
        assertThat(none.reasonEn()).endsWith("no model fitted yet for tier normal");
    }
}
