package io.etlhub.connector.debezium;

import io.etlhub.connector.RowBatches;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The idempotent consumer's memory (hub table cdc_event_seen): which change events an engine has
 * finished, processed or dead-lettered. After a crash the engine replays up to one offset-flush
 * interval; those events are found here and skipped.
 */
public class SeenEvents {
    /** How often a running engine drops its old keys: the table gains a key per change, so waiting for a restart lets it grow for months. */
    static final Duration CLEANUP_INTERVAL = Duration.ofHours(1);

    private final JdbcTemplate hub;
    private final Clock clock;
    private final Map<String, Instant> nextCleanup = new ConcurrentHashMap<>();

    public SeenEvents(JdbcTemplate hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
    }

    public boolean seen(String engine, String eventKey) {
        Integer n = hub.queryForObject("SELECT COUNT(*) FROM cdc_event_seen WHERE engine = ? AND event_key = ?", Integer.class,
                engine, cut(eventKey));
        return n != null && n > 0;
    }

    public void remember(String engine, String eventKey) {
        try {
            hub.update("INSERT INTO cdc_event_seen (engine, event_key, seen_at) VALUES (?, ?, ?)", engine, cut(eventKey),
                    Timestamp.valueOf(LocalDateTime.now(clock)));
        } catch (DuplicateKeyException alreadyThere) {
            // a replay that raced us: already remembered
        }
    }

    /** Which of {@code eventKeys} the engine has finished: one query per thousand keys. */
    public Set<String> seenAmong(String engine, List<String> eventKeys) {
        Map<String, String> byStored = new HashMap<>();
        for (String k : eventKeys) byStored.put(cut(k), k);
        Set<String> seen = new HashSet<>();
        for (List<String> chunk : RowBatches.chunks(List.copyOf(byStored.keySet()), RowBatches.IN_LIST)) {
            List<Object> args = new ArrayList<>(chunk.size() + 1);
            args.add(engine);
            args.addAll(chunk);
            hub.query("SELECT event_key FROM cdc_event_seen WHERE engine = ? AND event_key IN (" + RowBatches.marks(chunk.size()) + ")",
                    rs -> { seen.add(byStored.get(rs.getString(1))); }, args.toArray());
        }
        return seen;
    }

    /**
     * Remembers a batch's keys in multi-row inserts, in the caller's transaction (the one that processed
     * them): a key remembered twice fails the transaction, as two writers of one batch must not both commit.
     */
    public void rememberAll(String engine, List<String> eventKeys) {
        Timestamp at = Timestamp.valueOf(LocalDateTime.now(clock));
        List<Object[]> rows = eventKeys.stream().map(SeenEvents::cut).distinct().map(k -> new Object[] {engine, k, at}).toList();
        RowBatches.insert(hub, "cdc_event_seen", List.of("engine", "event_key", "seen_at"), rows);
    }

    /** Replays reach back one flush interval, never days: older keys are only weight. */
    public int forgetOlderThan(String engine, Duration age) {
        nextCleanup.put(engine, clock.instant().plus(CLEANUP_INTERVAL));
        return hub.update("DELETE FROM cdc_event_seen WHERE engine = ? AND seen_at < ?", engine,
                Timestamp.valueOf(LocalDateTime.now(clock).minus(age)));
    }

    /**
     * {@link #forgetOlderThan} once an hour per engine, called after each finished change or batch; each call
     * deletes about an hour's keys, so it never holds the engine up for long. Returns the keys forgotten.
     */
    public int forgetOlderThanWhenDue(String engine, Duration age) {
        Instant due = nextCleanup.get(engine);
        if (due != null && clock.instant().isBefore(due)) return 0;
        return forgetOlderThan(engine, age);
    }

    /** Long keys keep their start and a hash of the whole, so two keys never collide by truncation. */
    private static String cut(String key) {
        if (key.length() <= 300) return key;
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return key.substring(0, 235) + "#" + java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
