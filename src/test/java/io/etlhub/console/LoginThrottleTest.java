package io.etlhub.console;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The lockout rules: per user and per address, doubling back-off, a window for the failures. */
class LoginThrottleTest {
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-24T08:00:00Z");

        @Override public ZoneId getZone() { return ZoneId.of("Asia/Shanghai"); }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }

        void pass(Duration d) { now = now.plus(d); }
    }

    final MovableClock clock = new MovableClock();
    final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Settings(3, 5, Duration.ofMinutes(15),
            Duration.ofMinutes(1), Duration.ofMinutes(10)), clock);

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
