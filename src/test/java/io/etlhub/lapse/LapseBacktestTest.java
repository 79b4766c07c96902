package io.etlhub.lapse;

import io.etlhub.lapse.rules.LapseReasons;
import io.etlhub.lapse.rules.LapseRulesSettings;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backtest on four members worked out by hand (default settings: floor 21, quantile 0.9, shrinkage below 3
 * own gaps; too few members for a model, so the probabilistic rule never fires). Until 2026-09-30, horizon 60:
 * - A: weekly to 09-01, never again. fixed: trigger 22 days after (09-23); personal: own gaps all 7, Q = 7,
 *   trigger 8 days after. Not back: both are right. Ground truth: dropped out 09-01.
 * - B: weekly to 09-25, back on 10-02: silent 5 days, nothing fires.
 * - C: monthly to 09-05, back on 10-05 (within the horizon). fixed: trigger 22 days after (09-27), wrong;
 *   personal: Q = 30, silent 25, no trigger.
 * - D: last visit 2026-01-01, 272 days before: not judged (active-within 180).
 * fixed: fired A and C: precision 1/2, recall 1/1, median (22 + 22) / 2 = 22. personal: fired A: 1, 1, median 8.
 */
class LapseBacktestTest {
    private static final LocalDate UNTIL = LocalDate.of(2026, 9, 30);

    private static PosVisits.Member member(String card, LocalDate last, int gap, int visits, LocalDate... after) {
        List<LocalDate> days = new ArrayList<>();
        for (int i = visits - 1; i >= 0; i--) days.add(last.minusDays((long) gap * i));
        days.addAll(List.of(after));
        return new PosVisits.Member(card, "normal", days, new ArrayList<>(Collections.nCopies(days.size(), "S1")));
    }

    @Test
    void precisionRecallAndTimingPerRule() {
        List<PosVisits.Member> pos = List.of(
                member("A", LocalDate.of(2026, 9, 1), 7, 6),
                member("B", LocalDate.of(2026, 9, 25), 7, 6, LocalDate.of(2026, 10, 2)),
                member("C", LocalDate.of(2026, 9, 5), 30, 4, LocalDate.of(2026, 10, 5)),
                member("D", LocalDate.of(2026, 1, 1), 7, 3));
        LapseBacktest.Result r = LapseBacktest.run(pos, UNTIL, 60, 180, LapseRulesSettings.standard(), LapseReasons.fromBundle(), "default",
                Map.of("A", LocalDate.of(2026, 9, 1)), true);
        assertThat(r.judged()).isEqualTo(3);
        assertThat(r.notBack()).isEqualTo(1);
        assertThat(r.droppedOut()).isEqualTo(1);
        assertThat(r.models()).isEmpty();
        assertThat(r.rules()).containsExactly(
                new LapseBacktest.RuleResult("fixed", 2, 0.5, 1.0, 22.0, 0.5, 1.0),
                new LapseBacktest.RuleResult("personal", 1, 1.0, 1.0, 8.0, 1.0, 1.0),
                new LapseBacktest.RuleResult("probabilistic", 0, 0.0, 0.0, null, 0.0, 0.0));
    }
}
