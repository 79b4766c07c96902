package io.etlhub.connector.webhook;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The notification outbox (hub table notification_outbox). {@link #enqueue} writes in the caller's
 * transaction, so a notification exists exactly when what it announces was committed; the pair
 * (event id, endpoint) is unique, so an event enqueued again (a replayed run, a republished event)
 * is still delivered once per endpoint. {@link WebhookDelivery} sends what is due.
 */
public class Outbox {
    public enum State { PENDING, SENDING, DELIVERED, FAILED }

    public record Entry(long id, String eventId, String endpoint, String title, String text, State state, int attempts,
                        LocalDateTime nextAttemptAt, LocalDateTime lastAttemptAt, String lastError, LocalDateTime createdAt,
                        LocalDateTime deliveredAt) {}

    private final JdbcTemplate hub;
    private final Clock clock;

    public Outbox(JdbcTemplate hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
    }

    /** @return true when queued now, false when this event was already queued for this endpoint. */
    public boolean enqueue(String eventId, String endpoint, WebhookMessage message) {
        if (eventId == null || eventId.isBlank()) throw new IllegalArgumentException("a notification needs an event id (endpoint " + endpoint + ")");
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
        try {
            return hub.update("INSERT INTO notification_outbox (event_id, endpoint, title, body, state, attempts, next_attempt_at, created_at) "
                            + "SELECT ?, ?, ?, ?, 'PENDING', 0, ?, ? FROM DUAL WHERE NOT EXISTS "
                            + "(SELECT 1 FROM notification_outbox WHERE event_id = ? AND endpoint = ?)",
                    cut(eventId, 200), endpoint, cut(message.title(), 200), cut(message.text(), 8000), now, now, cut(eventId, 200), endpoint) == 1;
        } catch (DuplicateKeyException enqueuedConcurrently) {
            return false;
        }
    }

    public List<Entry> list(String state, String endpoint, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM notification_outbox WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (state != null && !state.isBlank()) { sql.append(" AND state = ?"); args.add(state); }
        if (endpoint != null && !endpoint.isBlank()) { sql.append(" AND endpoint = ?"); args.add(endpoint); }
        sql.append(" ORDER BY id DESC LIMIT ").append(Math.max(1, Math.min(limit, 1000)));
        return hub.query(sql.toString(), MAPPER, args.toArray());
    }

    /** Puts a FAILED entry back in the queue (an admin fixed the endpoint). */
    public boolean retry(long id) {
        return hub.update("UPDATE notification_outbox SET state = 'PENDING', attempts = 0, next_attempt_at = ? WHERE id = ? AND state = 'FAILED'",
                Timestamp.valueOf(LocalDateTime.now(clock)), id) == 1;
    }

    List<Entry> due(int limit) {
        return hub.query("SELECT * FROM notification_outbox WHERE state = 'PENDING' AND next_attempt_at <= ? ORDER BY id LIMIT " + limit,
                MAPPER, Timestamp.valueOf(LocalDateTime.now(clock)));
    }

    /** Sending attempts to this endpoint since {@code since}: what the robot's rate limit counts. */
    List<LocalDateTime> attemptsSince(String endpoint, LocalDateTime since) {
        return hub.queryForList("SELECT last_attempt_at FROM notification_outbox WHERE endpoint = ? AND last_attempt_at > ? "
                + "ORDER BY last_attempt_at", Timestamp.class, endpoint, Timestamp.valueOf(since))
                .stream().map(Timestamp::toLocalDateTime).toList();
    }

    /** The one worker that wins an entry sends it (two hub instances never send it both). */
    boolean claim(long id) {
        return hub.update("UPDATE notification_outbox SET state = 'SENDING', attempts = attempts + 1, last_attempt_at = ? "
                + "WHERE id = ? AND state = 'PENDING'", Timestamp.valueOf(LocalDateTime.now(clock)), id) == 1;
    }

    void delivered(long id) {
        hub.update("UPDATE notification_outbox SET state = 'DELIVERED', delivered_at = ?, last_error = NULL WHERE id = ?",
                Timestamp.valueOf(LocalDateTime.now(clock)), id);
    }

    void failed(long id, String error, LocalDateTime nextAttempt) {
        hub.update("UPDATE notification_outbox SET state = ?, next_attempt_at = COALESCE(?, next_attempt_at), last_error = ? WHERE id = ?",
                nextAttempt == null ? "FAILED" : "PENDING", nextAttempt == null ? null : Timestamp.valueOf(nextAttempt), cut(error, 2000), id);
    }

    void postpone(long id, LocalDateTime until) {
        hub.update("UPDATE notification_outbox SET next_attempt_at = ? WHERE id = ? AND state = 'PENDING'", Timestamp.valueOf(until), id);
    }

    /**
     * Entries a crashed worker left SENDING: their request may or may not have reached the receiver;
     * they are sent again (at most this once more) rather than lost.
     */
    int recoverStuck(LocalDateTime sendingBefore) {
        return hub.update("UPDATE notification_outbox SET state = 'PENDING' WHERE state = 'SENDING' AND last_attempt_at < ?",
                Timestamp.valueOf(sendingBefore));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static LocalDateTime time(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }

    private static final RowMapper<Entry> MAPPER = (rs, n) -> new Entry(rs.getLong("id"), rs.getString("event_id"),
            rs.getString("endpoint"), rs.getString("title"), rs.getString("body"), State.valueOf(rs.getString("state")),
            rs.getInt("attempts"), time(rs.getTimestamp("next_attempt_at")), time(rs.getTimestamp("last_attempt_at")),
            rs.getString("last_error"), time(rs.getTimestamp("created_at")), time(rs.getTimestamp("delivered_at")));
}
