package io.etlhub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dead-letter store. A job records what it could not process with the run parameters that
 * process it again ({@link #record}); an admin replays it after a fix. A replay first claims the
 * letter (NEW -> REPLAYING in one conditional UPDATE), so two replays never both apply it.
 */
@Repository
public class DeadLetters implements io.etlhub.connector.DeadLetterSink {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate hub;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate hubTransactions;

    public DeadLetters(JdbcTemplate hub, Clock clock, org.springframework.transaction.support.TransactionTemplate hubTransactions) {
        this.hub = hub;
        this.clock = clock;
        this.hubTransactions = hubTransactions;
    }

    public record DeadLetter(long id, String routeId, long runId, String recordKey, Map<String, String> payload,
                             String error, String state, LocalDateTime createdAt, Long replayRunId, String replayedBy,
                             LocalDateTime replayedAt) {}

    /** Keeps a record the run could not process; {@code replayParameters} are what a rerun needs to process it. */
    public void record(RunContext run, String recordKey, Map<String, String> replayParameters, String error) {
        hub.update("INSERT INTO dead_letter (route_id, run_id, record_key, payload, error_message, state, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, 'NEW', ?)", run.routeId(), run.runId(), cut(recordKey, 200),
                toJson(replayParameters), cut(error, 4000), Timestamp.valueOf(LocalDateTime.now(clock)));
    }

    /**
     * A record of a continuous route (a CDC event): no run, so run id 0; its payload is what an admin reads of the
     * event, and the event itself goes whole into dead_letter_event (same transaction) for a replay.
     */
    @Override
    public void deadLetter(String routeId, Letter letter, String error) {
        String event = letter.event() == null ? null : letter.event().get();
        hubTransactions.executeWithoutResult(tx -> {
            org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
            hub.update(con -> {
                java.sql.PreparedStatement ps = con.prepareStatement("INSERT INTO dead_letter (route_id, run_id, record_key, payload, "
                        + "error_message, state, created_at) VALUES (?, 0, ?, ?, ?, 'NEW', ?)", java.sql.Statement.RETURN_GENERATED_KEYS);
                ps.setString(1, routeId);
                ps.setString(2, cut(letter.key(), 200));
                ps.setString(3, toJson(letter.payload()));
                ps.setString(4, cut(error, 4000));
                ps.setTimestamp(5, Timestamp.valueOf(LocalDateTime.now(clock)));
                return ps;
            }, keys);
            if (event != null) {
                hub.update("INSERT INTO dead_letter_event (dead_letter_id, event) VALUES (?, ?)", keys.getKey().longValue(), event);
            }
        });
    }

    /** The record a dead letter keeps whole for a replay (a change event), or null when it has none. */
    String event(long id) {
        List<String> found = hub.queryForList("SELECT event FROM dead_letter_event WHERE dead_letter_id = ?", String.class, id);
        return found.isEmpty() ? null : found.get(0);
    }

    public List<DeadLetter> list(String state, Long runId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM dead_letter WHERE 1 = 1");
        List<Object> args = new java.util.ArrayList<>();
        if (state != null && !state.isBlank()) { sql.append(" AND state = ?"); args.add(state); }
        if (runId != null) { sql.append(" AND run_id = ?"); args.add(runId); }
        sql.append(" ORDER BY id DESC LIMIT ").append(Math.max(1, Math.min(limit, 1000)));
        return hub.query(sql.toString(), MAPPER, args.toArray());
    }

    public DeadLetter find(long id) {
        List<DeadLetter> found = hub.query("SELECT * FROM dead_letter WHERE id = ?", MAPPER, id);
        if (found.isEmpty()) throw new IllegalArgumentException("no dead letter " + id);
        return found.get(0);
    }

    public long countNew() {
        Long n = hub.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE state = 'NEW'", Long.class);
        return n == null ? 0 : n;
    }

    /** True when this caller won the letter; false when it is already being or has been replayed. */
    boolean claim(long id, String actor) {
        return hub.update("UPDATE dead_letter SET state = 'REPLAYING', replayed_by = ? WHERE id = ? AND state = 'NEW'", actor, id) == 1;
    }

    void finish(long id, RunSummary replay) {
        hub.update("UPDATE dead_letter SET state = ?, replay_run_id = ?, replayed_at = ?, error_message = COALESCE(?, error_message) WHERE id = ?",
                replay.succeeded() ? "REPLAYED" : "NEW", replay.runId(), Timestamp.valueOf(LocalDateTime.now(clock)),
                replay.error(), id);
    }

    /** A replayed change event: delivered again without a run of its own. */
    void finishEvent(long id) {
        hub.update("UPDATE dead_letter SET state = 'REPLAYED', replayed_at = ? WHERE id = ?", Timestamp.valueOf(LocalDateTime.now(clock)), id);
    }

    void release(long id, String error) {
        hub.update("UPDATE dead_letter SET state = 'NEW', error_message = ? WHERE id = ?", cut(error, 4000), id);
    }

    private static String toJson(Map<String, String> payload) {
        try {
            return JSON.writeValueAsString(payload == null ? Map.of() : new TreeMap<>(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("dead letter payload is not serialisable: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dead letter payload is not JSON: " + json, e);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    private static final RowMapper<DeadLetter> MAPPER = (rs, n) -> new DeadLetter(
            rs.getLong("id"), rs.getString("route_id"), rs.getLong("run_id"), rs.getString("record_key"),
            fromJson(rs.getString("payload")), rs.getString("error_message"), rs.getString("state"),
            rs.getTimestamp("created_at").toLocalDateTime(), (Long) rs.getObject("replay_run_id", Long.class),
            rs.getString("replayed_by"), rs.getTimestamp("replayed_at") == null ? null : rs.getTimestamp("replayed_at").toLocalDateTime());
}
