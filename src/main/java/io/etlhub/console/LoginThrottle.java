package io.etlhub.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Failed logins counted per user name and per client address. Past the limit within the window the
 * name or address is locked; each further lockout of the same key lasts twice as long, up to the maximum.
 * Kept in memory: a restart forgets it (one hub process serves the console).
 */
class LoginThrottle {
    record Settings(int maxFailuresPerUser, int maxFailuresPerAddress, Duration window, Duration lock, Duration maxLock) {}

    /** A lockout a failure has just started. */
    record Lockout(String key, Instant until) {}

    private static final class Counter {
        int failures;
        Instant firstFailure;
        int lockouts;
        Instant lockedUntil;
        Instant lastSeen;
    }

    private static final int PRUNE_ABOVE = 10_000;

    private final Settings settings;
    private final Clock clock;
    private final Map<String, Counter> counters = new HashMap<>();

    LoginThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
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
    synchronized java.util.List<Lockout> failed(String user, String address) {
        Instant now = clock.instant();
        prune(now);
        java.util.List<Lockout> started = new java.util.ArrayList<>();
        fail(userKey(user), settings.maxFailuresPerUser(), now, started);
        fail(addressKey(address), settings.maxFailuresPerAddress(), now, started);
        return started;
    }

    /** A successful login clears the user's failures (the address keeps its count: it may be guessing other names). */
    synchronized void succeeded(String user) {
        counters.remove(userKey(user));
    }

    synchronized int failures(String user) {
        Counter c = counters.get(userKey(user));
        return c == null ? 0 : c.failures;
    }

    synchronized void clear() { counters.clear(); }

    private void fail(String key, int max, Instant now, java.util.List<Lockout> started) {
        if (key == null) return;
        Counter c = counters.computeIfAbsent(key, k -> new Counter());
        c.lastSeen = now;
        if (c.firstFailure == null || now.isAfter(c.firstFailure.plus(settings.window()))) {
            c.failures = 0;
            c.firstFailure = now;
        }
        // A key quiet for longer than the longest lockout starts its back-off afresh.
        if (c.lockedUntil != null && now.isAfter(c.lockedUntil.plus(settings.maxLock()))) c.lockouts = 0;
        if (++c.failures < max) return;
        c.lockouts++;
        c.lockedUntil = now.plus(lockFor(c.lockouts));
        c.failures = 0;
        c.firstFailure = null;
        started.add(new Lockout(key, c.lockedUntil));
    }

    /** lock, 2 x lock, 4 x lock ... at most maxLock. */
    Duration lockFor(int lockouts) {
        Duration d = settings.lock();
        for (int i = 1; i < lockouts && d.compareTo(settings.maxLock()) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(settings.maxLock()) > 0 ? settings.maxLock() : d;
    }

    private Instant lockedUntil(String key, Instant now) {
        Counter c = key == null ? null : counters.get(key);
        return c == null || c.lockedUntil == null || !now.isBefore(c.lockedUntil) ? null : c.lockedUntil;
    }

    private void prune(Instant now) {
        if (counters.size() < PRUNE_ABOVE) return;
        Instant old = now.minus(settings.window()).minus(settings.maxLock());
        counters.values().removeIf(c -> c.lastSeen.isBefore(old));
    }

    private static String userKey(String user) { return user == null || user.isEmpty() ? null : "user:" + user; }

    private static String addressKey(String address) { return address == null ? null : "address:" + address; }
}
