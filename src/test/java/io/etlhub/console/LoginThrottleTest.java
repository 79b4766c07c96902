package io.etlhub.console;

import io.etlhub.demo.SqlScripts;
import io.etlhub.support.MovableClock;
import io.etlhub.support.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lockout rules: per user and per address, doubling back-off, a window for the failures; the counts kept in the
 * hub store (login_throttle on the tests' MariaDB, and on H2 as the demo runs it), so a new throttle, as after a
 * restart, still knows a lockout.
 */
class LoginThrottleTest {
    static final LoginThrottle.Settings SETTINGS = new LoginThrottle.Settings(3, 5, Duration.ofMinutes(15),
            Duration.ofMinutes(1), Duration.ofMinutes(10));
    static final String MIGRATION = "db/migration/hub/V25_1__login_throttle.sql";

    final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T08:00:00Z"));
    final JdbcTemplate store = mariaDbStore();
    final LoginThrottle throttle = new LoginThrottle(SETTINGS, clock, store);

    private static JdbcTemplate mariaDbStore() {
        TestMariaDb db = TestMariaDb.get();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.freshDatabase("login_throttle"), db.user(), db.password());
        SqlScripts.run(dataSource, MIGRATION);
        return new JdbcTemplate(dataSource);
    }

    @Test
    void aLockoutAndItsBackOffSurviveANewThrottleOnTheSameStore() {
        for (int i = 0; i < 3; i++) throttle.failed("finance", "198.51.100.1");
        Instant until = throttle.lockedUntil("finance", "198.51.100.2");
        assertThat(until).isEqualTo(clock.now.plus(Duration.ofMinutes(1)));

        LoginThrottle restarted = new LoginThrottle(SETTINGS, clock, store);
        assertThat(restarted.lockedUntil("finance", "198.51.100.2")).isEqualTo(until);
        clock.pass(Duration.ofSeconds(61));
        for (int i = 0; i < 3; i++) restarted.failed("finance", "198.51.100.1");
        // the second lockout of the key: twice as long, though the first was counted by another throttle
        assertThat(new LoginThrottle(SETTINGS, clock, store).lockedUntil("finance", "198.51.100.2"))
                .isEqualTo(clock.now.plus(Duration.ofMinutes(2)));
    }

    @Test
    void theTableIsMadeOnH2AsOnMariaDbAndItsMigrationRunsAgain() {
        DriverManagerDataSource h2 = new DriverManagerDataSource(
                "jdbc:h2:mem:throttle;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");
        SqlScripts.run(h2, MIGRATION);
        SqlScripts.run(h2, MIGRATION);
        LoginThrottle onH2 = new LoginThrottle(SETTINGS, clock, new JdbcTemplate(h2));
        for (int i = 0; i < 5; i++) onH2.failed("user" + i, "203.0.113.7");
        assertThat(new LoginThrottle(SETTINGS, clock, new JdbcTemplate(h2)).lockedUntil("admin", "203.0.113.7"))
                .isEqualTo(clock.now.plus(Duration.ofMinutes(1)));
        SqlScripts.run(store.getDataSource(), MIGRATION);
        assertThat(store.queryForObject("SELECT COUNT(*) FROM login_throttle", Integer.class)).isZero();
    }

    @Test
    void aUserIsLockedAfterItsFailuresAndEachLockoutLastsTwiceAsLong() {
        assertThat(throttle.failed("finance", "198.51.100.1")).isEmpty();
        assertThat(throttle.failed("finance", "198.51.100.2")).isEmpty();
        assertThat(throttle.lockedUntil("finance", "198.51.100.3")).isNull();
        assertThat(throttle.failed("finance", "198.51.100.3")).extracting(LoginThrottle.Lockout::key).containsExactly("user:finance");
        // locked from any address, another user is not
        assertThat(throttle.lockedUntil("finance", "198.51.100.9")).isEqualTo(clock.now.plus(Duration.ofMinutes(1)));
        assertThat(throttle.lockedUntil("ops", "198.51.100.9")).isNull();

        clock.pass(Duration.ofSeconds(61));
        assertThat(throttle.lockedUntil("finance", "198.51.100.9")).isNull();
        for (int i = 0; i < 3; i++) throttle.failed("finance", "198.51.100." + (10 + i));
        assertThat(throttle.lockedUntil("finance", "198.51.100.9")).isEqualTo(clock.now.plus(Duration.ofMinutes(2)));
        clock.pass(Duration.ofMinutes(2));
        for (int i = 0; i < 3; i++) throttle.failed("finance", "198.51.100." + (20 + i));
        assertThat(throttle.lockedUntil("finance", "198.51.100.9")).isEqualTo(clock.now.plus(Duration.ofMinutes(4)));
        assertThat(throttle.lockFor(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(throttle.lockFor(5)).isEqualTo(Duration.ofMinutes(10)); // the maximum
    }

    @Test
    void anAddressGuessingManyNamesIsLocked() {
        for (int i = 0; i < 4; i++) assertThat(throttle.failed("user" + i, "203.0.113.7")).isEmpty();
        assertThat(throttle.failed("user4", "203.0.113.7")).extracting(LoginThrottle.Lockout::key).containsExactly("address:203.0.113.7");
        assertThat(throttle.lockedUntil("admin", "203.0.113.7")).isNotNull();
        assertThat(throttle.lockedUntil("admin", "203.0.113.8")).isNull();
    }

    @Test
    void failuresOutsideTheWindowAndASuccessStartTheCountAfresh() {
        throttle.failed("ops", "192.0.2.1");
        throttle.failed("ops", "192.0.2.1");
        clock.pass(Duration.ofMinutes(16));
        assertThat(throttle.failed("ops", "192.0.2.1")).isEmpty();
        assertThat(throttle.failures("ops")).isEqualTo(1);
        throttle.succeeded("ops");
        throttle.failed("ops", "192.0.2.1");
        assertThat(throttle.failed("ops", "192.0.2.1")).isEmpty();
        assertThat(throttle.lockedUntil("ops", "192.0.2.2")).isNull();
    }
}
