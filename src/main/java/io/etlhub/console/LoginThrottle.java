package io.etlhub.console;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Failed logins counted per user name and per client address. Past the limit within the window the
 * name or address is locked; each further lockout of the same key lasts twice as long, up to the maximum.
 * The counts live in the hub store (login_throttle), so a restart keeps a lockout and its back-off.
 */
class LoginThrottle {
    record Settings(int maxFailuresPerUser, int maxFailuresPerAddress, Duration window, Duration lock, Duration maxLock) {}

    /** A lockout a failure has just started. */
    record Lockout(String key, Instant until) {}

    /** One key's row. */
    private static final class Counter {
        int failures;
        Instant firstFailure;
        int lockouts;
        Instant lockedUntil;
    }

    private final Settings settings;
    private final Clock clock;
    private final JdbcTemplate hub;

    LoginThrottle(Settings settings, Clock clock, JdbcTemplate hub) {
        this.settings = settings;
        this.clock = clock;
        this.hub = hub;
    }

    Settings settings() { return settings; }

    /** Until when this user or address may not log in; null when neither is locked. */
    synchronized Instant lockedUntil(String user, String address) {
        Instant now = clock.instant();
        Instant a = lockedUntil(userKey(user), now);
        Instant b = lockedUntil(addressKey(address), now);
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** Counts a failed login; answers the lockouts it started (none, the user's, the address's or both). */
    synchronized List<Lockout> failed(String user, String address) {
        Instant now = clock.instant();
        // keys quiet for longer than a window and the longest lockout have nothing left to say
        hub.update("DELETE FROM login_throttle WHERE last_seen < ?", time(now.minus(settings.window()).minus(settings.maxLock())));
        List<Lockout> started = new ArrayList<>();
        fail(userKey(user), settings.maxFailuresPerUser(), now, started);
        fail(addressKey(address), settings.maxFailuresPerAddress(), now, started);
        return started;
    }

    /**
     * A successful login clears the user's failures (the address keeps its count: it may be guessing other names).
     * Answers how many failures there were.
     */
    synchronized int succeeded(String user) {
        int failures = failures(user);
        String key = userKey(user);
        if (key != null && failures > 0) hub.update("DELETE FROM login_throttle WHERE throttle_key = ?", key);
        return failures;
    }

    synchronized int failures(String user) {
        Counter c = read(userKey(user));
        return c == null ? 0 : c.failures;
    }

    synchronized void clear() { hub.update("DELETE FROM login_throttle"); }

    private void fail(String key, int max, Instant now, List<Lockout> started) {
        if (key == null) return;
        Counter read = read(key);
        Counter c = read == null ? new Counter() : read;
        if (c.firstFailure == null || now.isAfter(c.firstFailure.plus(settings.window()))) {
            c.failures = 0;
            c.firstFailure = now;
        }
        // A key quiet for longer than the longest lockout starts its back-off afresh.
        if (c.lockedUntil != null && now.isAfter(c.lockedUntil.plus(settings.maxLock()))) c.lockouts = 0;
        if (++c.failures >= max) {
            c.lockouts++;
            c.lockedUntil = now.plus(lockFor(c.lockouts));
            c.failures = 0;
            c.firstFailure = null;
            started.add(new Lockout(key, c.lockedUntil));
        }
        write(key, c, now, read == null);
    }

    /** lock, 2 x lock, 4 x lock ... at most maxLock. */
    Duration lockFor(int lockouts) {
        Duration d = settings.lock();
        for (int i = 1; i < lockouts && d.compareTo(settings.maxLock()) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(settings.maxLock()) > 0 ? settings.maxLock() : d;
    }

    private Instant lockedUntil(String key, Instant now) {
        Counter c = key == null ? null : read(key);
        return c == null || c.lockedUntil == null || !now.isBefore(c.lockedUntil) ? null : c.lockedUntil;
    }

    private Counter read(String key) {
        if (key == null) return null;
        List<Counter> found = hub.query("SELECT failures, first_failure, lockouts, locked_until FROM login_throttle WHERE throttle_key = ?",
                (rs, i) -> counter(rs), key);
        return found.isEmpty() ? null : found.get(0);
    }

    private Counter counter(ResultSet rs) throws SQLException {
        Counter c = new Counter();
        c.failures = rs.getInt("failures");
        c.firstFailure = instant(rs.getTimestamp("first_failure"));
        c.lockouts = rs.getInt("lockouts");
        c.lockedUntil = instant(rs.getTimestamp("locked_until"));
        return c;
    }

    private void write(String key, Counter c, Instant now, boolean isNew) {
        Object[] values = {c.failures, time(c.firstFailure), c.lockouts, time(c.lockedUntil), time(now), key};
        String update = "UPDATE login_throttle SET failures = ?, first_failure = ?, lockouts = ?, locked_until = ?, last_seen = ? "
                + "WHERE throttle_key = ?";
        if (!isNew) {
            hub.update(update, values);
            return;
        }
        try {
            hub.update("INSERT INTO login_throttle (failures, first_failure, lockouts, locked_until, last_seen, throttle_key) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", values);
        } catch (DuplicateKeyException anotherHubProcessCountedFirst) {
            hub.update(update, values);
        }
    }

    /** Stored as the hub's wall-clock time, like every time in the hub store. */
    private Timestamp time(Instant instant) {
        return instant == null ? null : Timestamp.valueOf(LocalDateTime.ofInstant(instant, clock.getZone()));
    }

    private Instant instant(Timestamp t) {
        return t == null ? null : t.toLocalDateTime().atZone(clock.getZone()).toInstant();
    }

    private static String userKey(String user) { return user == null || user.isEmpty() ? null : "user:" + user; }

    private static String addressKey(String address) { return address == null ? null : "address:" + address; }
}
