package io.etlhub.lapse;

import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.TestPropertySource;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily evaluation (routes/lapse-evaluate.yaml) takes each member's tier from the POS's member table
 * (Sixun t_rm_vip_info.card_type on the tests' MariaDB) before judging, so a card the POS upgraded to VIP
 * is judged by VIP's rules without a sale in between; a blank tier is the default tier.
 */
@TestPropertySource(properties = {
        "etlhub.lapse.rules-by-tier.default=fixed",
        "etlhub.lapse.rules-by-tier.VIP=fixed",
        "etlhub.lapse.rules.tiers.VIP.floor-days=7"})
class MemberTierSyncIntegrationTest extends HubIntegrationTest {
    /** The POS database the base class points connectors/pos.yml at. */
    static final String POS_URL = URLS.get("pos");
    static final LocalDate TODAY = LocalDate.of(2001, 3, 20);
    static final List<String> CARDS = List.of("TIER-A", "TIER-B", "TIER-C", "TIER-D");

    @Autowired
    RouteRunner runner;

    @AfterEach
    void forgetMembers() {
        for (String table : List.of("lapse_trigger", "lapse_visit", "lapse_member")) {
            hub.update("DELETE FROM " + table + " WHERE card LIKE 'TIER-%'");
        }
    }

    void member(String card, String tier, int daysSilent) {
        LocalDate last = TODAY.minusDays(daysSilent);
        hub.update("INSERT INTO lapse_member (card, tier, home_store, first_day, last_day, visit_days, updated_at) "
                + "VALUES (?, ?, 'S1', ?, ?, 2, CURRENT_TIMESTAMP)", card, tier, Date.valueOf(last.minusDays(30)), Date.valueOf(last));
        for (LocalDate day : List.of(last.minusDays(30), last)) {
            hub.update("INSERT INTO lapse_visit (card, visit_day, store) VALUES (?, ?, 'S1')", card, Date.valueOf(day));
        }
    }

    String tier(String card) {
        return hub.queryForObject("SELECT tier FROM lapse_member WHERE card = ?", String.class, card);
    }

    @Test
    void tiersComeFromThePosBeforeTheRulesJudge() {
        SixunPos pos = new SixunPos(new JdbcTemplate(new DriverManagerDataSource(POS_URL, DB.user(), DB.password()))).createTables();
        // A: upgraded to VIP in the POS, silent 10 days: over VIP's floor (7), under the default's (21).
        member("TIER-A", "default", 10);
        pos.member("TIER-A", "VIP");
        // B: VIP in the rhythm, the POS now gives no tier: default, and 10 days is not enough there.
        member("TIER-B", "VIP", 10);
        pos.member("TIER-B", " ");
        // C: the same tier on both sides: not counted as changed.
        member("TIER-C", "default", 10);
        pos.member("TIER-C", "default");
        // D: no POS card: keeps its tier.
        member("TIER-D", "VIP", 10);
        // E: a POS card with no visit yet: nothing to update.
        pos.member("TIER-E", "VIP");

        RunSummary run = runner.run("lapse-evaluate", Trigger.MANUAL, "test", Map.of("date", TODAY.toString()));

        assertThat(run.succeeded()).as(run.error()).isTrue();
        assertThat(run.counts()).containsEntry("tiers-changed", 2L);
        assertThat(CARDS).extracting(this::tier).containsExactly("VIP", "default", "default", "VIP");
        assertThat(hub.queryForList("SELECT card FROM lapse_trigger WHERE card LIKE 'TIER-%' ORDER BY card", String.class))
                .as("VIP's floor of 7 days for A and D; the default's 21 for B and C")
                .containsExactly("TIER-A", "TIER-D");
        assertThat(hub.queryForObject("SELECT reason_en FROM lapse_trigger WHERE card = 'TIER-A'", String.class)).contains("7");

        // Again: nothing changes, nothing fires twice.
        RunSummary again = runner.run("lapse-evaluate", Trigger.MANUAL, "test", Map.of("date", TODAY.toString()));
        assertThat(again.counts()).containsEntry("tiers-changed", 0L).containsEntry("fired", 0L);
    }
}
