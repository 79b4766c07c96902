package io.etlhub.lapse.rules;

import io.etlhub.demo.MemberPurchaseProcess;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * run lapse-fit on the rhythm store (MariaDB): the models stored per tier are the maximum-likelihood fit of
 * the members' (x, t_x, T) up to the date, a rerun replaces them, and the probabilistic rule uses them.
 */
class LapseFitIntegrationTest extends HubIntegrationTest {
    private static final LocalDate UNTIL = LocalDate.of(2026, 9, 30);

    @Autowired
    RouteRunner runner;
    @Autowired
    ProbabilisticLapseRule probabilistic;

    @Test
    void fitsPerTierStoresAndIsUsedByTheRule() {
        MemberPurchaseProcess process = new MemberPurchaseProcess(1.5, 20, 1, 5, 7);
        List<PurchaseHistory> expected = new ArrayList<>();
        List<LocalDate> lastMemberDays = null;
        for (int i = 0; i < 40; i++) {
            String card = "M" + i;
            List<LocalDate> days = process.next(UNTIL.minusDays(40 + 5L * i), UNTIL.plusDays(30)).visitDays();
            List<LocalDate> upToDate = days.stream().filter(d -> !d.isAfter(UNTIL)).toList();
            expected.add(PurchaseHistory.of(upToDate, UNTIL));
            hub.update("INSERT INTO lapse_member (card, tier, home_store, first_day, last_day, visit_days, updated_at) VALUES (?, 'VIP', 'S1', ?, ?, ?, ?)",
                    card, Date.valueOf(days.get(0)), Date.valueOf(days.get(days.size() - 1)), days.size(), Timestamp.valueOf(LocalDateTime.now()));
            for (LocalDate d : days) hub.update("INSERT INTO lapse_visit (card, visit_day, store) VALUES (?, ?, 'S1')", card, Date.valueOf(d));
            lastMemberDays = upToDate;
        }
        // Too few members for a model of their own: no row for this tier.
        hub.update("INSERT INTO lapse_member (card, tier, home_store, visit_days, updated_at) VALUES ('N1', 'normal', 'S1', 1, ?)",
                Timestamp.valueOf(LocalDateTime.now()));
        hub.update("INSERT INTO lapse_visit (card, visit_day, store) VALUES ('N1', ?, 'S1')", Date.valueOf(UNTIL.minusDays(3)));

        RunSummary first = runner.run("lapse-fit", Trigger.MANUAL, "test", Map.of("date", UNTIL.toString()));
        assertThat(first.counts()).containsEntry("members", 41L).containsEntry("models", 2L);
        RunSummary again = runner.run("lapse-fit", Trigger.MANUAL, "test", Map.of("date", UNTIL.toString()));
        assertThat(again.succeeded()).isTrue();

        List<Map<String, Object>> rows = hub.queryForList("SELECT model, scope, scope_key, r, alpha, a, b, members FROM lapse_model ORDER BY model");
        assertThat(rows).extracting(r -> r.get("model") + "/" + r.get("scope") + "/" + r.get("scope_key") + "/" + r.get("members"))
                .containsExactly("BG_NBD/TIER/VIP/40", "MBG_NBD/TIER/VIP/40");
        BgNbdModel.Parameters inMemory = BgNbdFit.fit(BgNbdModel.BG_NBD, expected).parameters();
        Map<String, Object> bg = rows.get(0);
        assertThat((Double) bg.get("r")).isCloseTo(inMemory.r(), within(1e-9 * inMemory.r()));
        assertThat((Double) bg.get("b")).isCloseTo(inMemory.b(), within(1e-9 * inMemory.b()));

        MemberRhythm member = new MemberRhythm("M39", "VIP", "S1", lastMemberDays, List.of());
        LapseVerdict verdict = probabilistic.evaluate(member, UNTIL);
        BgNbdModel model = lastMemberDays.size() > 1 ? BgNbdModel.BG_NBD : BgNbdModel.MBG_NBD;
        Map<String, Object> used = rows.get(model == BgNbdModel.BG_NBD ? 0 : 1);
        double alive = model.probabilityAlive(new BgNbdModel.Parameters((Double) used.get("r"), (Double) used.get("alpha"),
                (Double) used.get("a"), (Double) used.get("b")), PurchaseHistory.of(lastMemberDays, UNTIL));
        assertThat(verdict.score()).isCloseTo(alive, within(1e-12));
        assertThat(verdict.reasonEn()).contains(String.format(java.util.Locale.ROOT, "probability active %.2f", alive));
    }
}
