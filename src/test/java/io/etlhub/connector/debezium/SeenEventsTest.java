package io.etlhub.connector.debezium;

import io.etlhub.demo.SqlScripts;
import io.etlhub.support.MovableClock;
import io.etlhub.support.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idempotent consumer's keys are dropped while the engine runs, not only when it starts: a capture that
 * runs for months would otherwise keep two keys per POS sale for months (on the tests' MariaDB).
 */
class SeenEventsTest {
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T08:00:00Z"));
    final JdbcTemplate store = mariaDbStore();
    final SeenEvents seen = new SeenEvents(store, clock);

    private static JdbcTemplate mariaDbStore() {
        TestMariaDb db = TestMariaDb.get();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.freshDatabase("seen_events"), db.user(), db.password());
        SqlScripts.run(dataSource, "db/migration/hub/V10_1__cdc.sql");
        return new JdbcTemplate(dataSource);
    }

    @Test
    void aRunningEngineForgetsKeysOlderThanTheirAgeOnceAnHourAndOnlyItsOwn() {
        seen.forgetOlderThan("pos-lapse", Duration.ofDays(7)); // the engine's start
        seen.rememberAll("pos-lapse", List.of("sale-1", "sale-2"));
        seen.remember("stage-capture", "move-1");

        clock.pass(Duration.ofDays(7).plusMinutes(1));
        seen.remember("pos-lapse", "sale-3");
        assertThat(seen.forgetOlderThanWhenDue("pos-lapse", Duration.ofDays(7))).isEqualTo(2);
        assertThat(seen.seenAmong("pos-lapse", List.of("sale-1", "sale-2", "sale-3"))).containsExactly("sale-3");
        assertThat(seen.seen("stage-capture", "move-1")).as("another engine's keys are its own business").isTrue();

        // within the hour nothing is deleted, though sale-3 has aged past the limit meanwhile
        clock.pass(Duration.ofMinutes(50));
        store.update("UPDATE cdc_event_seen SET seen_at = seen_at - INTERVAL 8 DAY WHERE event_key = 'sale-3'");
        assertThat(seen.forgetOlderThanWhenDue("pos-lapse", Duration.ofDays(7))).isZero();
        assertThat(seen.seen("pos-lapse", "sale-3")).isTrue();

        clock.pass(Duration.ofMinutes(11));
        assertThat(seen.forgetOlderThanWhenDue("pos-lapse", Duration.ofDays(7))).isEqualTo(1);
        assertThat(seen.seen("pos-lapse", "sale-3")).isFalse();
    }
}
