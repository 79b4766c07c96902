package io.etlhub.lapse;

import io.etlhub.connector.HubStoreMigrations;
import io.etlhub.support.TestMariaDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full rebuild gives the visits and members the incremental path gave sale by sale, keeps tiers,
 * drops what no line backs, and cleans up after a run that crashed before its swap; on the tests' MariaDB
 * (shadows LIKE the live tables, one atomic RENAME TABLE) and on H2 (the demo: permanent shadows copied
 * in one transaction).
 */
class RhythmRebuildTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    static final String MEMBERS = "SELECT card, tier, home_store, first_day, last_day, visit_days FROM lapse_member ORDER BY card";
    static final String VISITS = "SELECT card, visit_day, store FROM lapse_visit ORDER BY card, visit_day, store";

    JdbcTemplate hub;
    TransactionTemplate tx;
    RhythmStore store;
    RhythmBatch batch;
    RhythmRebuild rebuild;
    int ticket;

    void hubStore(String vendor) {
        DataSource ds = vendor.equals("h2")
                ? new DriverManagerDataSource("jdbc:h2:mem:rebuild-" + System.nanoTime() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1")
                : new DriverManagerDataSource(TestMariaDb.get().freshDatabase("rebuild_hub"), TestMariaDb.get().user(), TestMariaDb.get().password());
        HubStoreMigrations.migrate(ds);
        hub = new JdbcTemplate(ds);
        DataSourceTransactionManager tm = new DataSourceTransactionManager(ds);
        tx = new TransactionTemplate(tm);
        Clock clock = Clock.fixed(TODAY.atTime(20, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant(), ZoneId.of("Asia/Shanghai"));
        LapseSettings settings = new LapseSettings(90, 3, "default", 2, null, "sixun-pos", "pos", null,
                new LapseSettings.Coupon("LAPSE-BACK", "回店礼券", BigDecimal.TEN, 14), 3);
        store = new RhythmStore(hub, clock, settings);
        batch = new RhythmBatch(hub, clock, settings, new MemberVisitsCache(hub, 1000));
        rebuild = new RhythmRebuild(hub, store, settings, clock);
    }

    List<String> lapseTables() {
        return hub.execute((java.sql.Connection c) -> {
            List<String> names = new java.util.ArrayList<>();
            try (var rs = c.getMetaData().getTables(c.getCatalog(), null, "lapse%", new String[]{"TABLE"})) {
                while (rs.next()) names.add(rs.getString("TABLE_NAME").toLowerCase());
            }
            return names;
        });
    }

    void sell(String card, String shop, LocalDate day, boolean isReturn) {
        SaleLine line = new SaleLine("sixun", "T" + (++ticket), "1", shop, "I1", "C1", day, new BigDecimal(isReturn ? "-10" : "10"),
                BigDecimal.ONE, isReturn, card);
        capture(new PosChange.Line(line));
    }

    /** A batch of the capture, in its own hub transaction, as the rhythm step writes it. */
    void capture(PosChange... changes) {
        tx.executeWithoutResult(s -> batch.apply(List.of(changes)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "h2"})
    void theRebuildGivesWhatTheSalesGaveKeepsTiersAndCleansUpACrashedRun(String vendor) {
        hubStore(vendor);
        // V1 changes store: three visits at S1 long ago, then two at S2 within the window (S2 is home); a return is no visit.
        for (int d : new int[]{200, 190, 180}) sell("V1", "S1", TODAY.minusDays(d), false);
        sell("V1", "S2", TODAY.minusDays(30), false);
        sell("V1", "S2", TODAY.minusDays(20), false);
        sell("V1", "S1", TODAY.minusDays(20), false);
        sell("V1", "S3", TODAY.minusDays(10), true);
        // V2: tie of one visit each in S5 and S4 on different days: the later visit wins (S4).
        sell("V2", "S5", TODAY.minusDays(9), false);
        sell("V2", "S4", TODAY.minusDays(8), false);
        // V3: a ticket's lines before its payment line: the member comes from the ticket.
        SaleLine anonymous = new SaleLine("sixun", "T-late", "1", "S7", "I1", "C1", TODAY.minusDays(3), BigDecimal.TEN, BigDecimal.ONE, false, null);
        capture(new PosChange.Line(anonymous));
        capture(new PosChange.Payment("sixun", "T-late", "V3"));
        hub.update("UPDATE lapse_member SET tier = 'VIP' WHERE card = 'V2'");
        List<Map<String, Object>> members = hub.queryForList(MEMBERS);
        List<Map<String, Object>> visits = hub.queryForList(VISITS);
        assertThat(members).extracting(m -> m.get("home_store")).containsExactly("S2", "S4", "S7");

        // What the rebuild must not keep: a visit and a member no line backs, and a crashed run's leftovers.
        hub.update("INSERT INTO lapse_visit (card, visit_day, store) VALUES ('V9', ?, 'S9')", Date.valueOf(TODAY.minusDays(5)));
        hub.update("INSERT INTO lapse_member (card, tier, home_store, first_day, last_day, visit_days, updated_at) "
                + "VALUES ('V9', 'default', 'S9', ?, ?, 1, CURRENT_TIMESTAMP)", Date.valueOf(TODAY.minusDays(5)), Date.valueOf(TODAY.minusDays(5)));
        if (vendor.equals("mariadb")) {
            hub.execute("CREATE TABLE lapse_visit_next LIKE lapse_visit");
            hub.execute("CREATE TABLE lapse_member_old LIKE lapse_member");
        }
        hub.update("INSERT INTO lapse_visit_next (card, visit_day, store) VALUES ('V8', ?, 'S8')", Date.valueOf(TODAY.minusDays(1)));
        hub.update("INSERT INTO lapse_rebuild_member (card, first_day, last_day, visit_days) VALUES ('V8', ?, ?, 1)",
                Date.valueOf(TODAY.minusDays(1)), Date.valueOf(TODAY.minusDays(1)));

        RhythmRebuild.Result result = rebuild.rebuild();
        assertThat(result.members()).isEqualTo(3);
        assertThat(result.visits()).isEqualTo(visits.size());
        assertThat(result.phases()).containsKeys("visits", "members", "home stores", "member rows", "swap");
        assertThat(hub.queryForList(MEMBERS)).isEqualTo(members);
        assertThat(hub.queryForList(VISITS)).isEqualTo(visits);
        assertThat(hub.queryForObject("SELECT tier FROM lapse_member WHERE card = 'V2'", String.class)).isEqualTo("VIP");
        assertThat(lapseTables()).as("the shadows: none left on MariaDB, permanent on H2").filteredOn(t -> t.endsWith("_next") || t.endsWith("_old"))
                .containsExactlyInAnyOrderElementsOf(vendor.equals("h2") ? List.of("lapse_member_next", "lapse_visit_next") : List.of());
        if (vendor.equals("h2")) assertThat(hub.queryForObject("SELECT COUNT(*) FROM lapse_visit_next", Long.class)).isZero();
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM lapse_rebuild_member", Long.class)).isZero();

        // Again: the same tables (the swapped-in ones serve the next rebuild).
        assertThat(rebuild.rebuild().members()).isEqualTo(3);
        assertThat(hub.queryForList(MEMBERS)).isEqualTo(members);
        assertThat(hub.queryForList(VISITS)).isEqualTo(visits);
    }
}
