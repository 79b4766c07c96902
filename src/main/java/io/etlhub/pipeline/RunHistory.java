package io.etlhub.pipeline;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * route_run in the hub store: one row per run (one exchange of the route), opened when it starts and
 * closed when it ends; its counters, named by the route's kind, in route_run_count.
 */
@Repository
public class RunHistory {
    private final JdbcTemplate hub;
    private final TransactionTemplate tx;

    public RunHistory(JdbcTemplate hub, TransactionTemplate tx) {
        this.hub = hub;
        this.tx = tx;
    }

    long open(String routeId, Trigger trigger, String actor, LocalDateTime startedAt) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        hub.update(con -> {
            PreparedStatement ps = con.prepareStatement(
                    "INSERT INTO route_run (route_id, trigger_type, triggered_by, started_at, status) VALUES (?, ?, ?, ?, 'RUNNING')",
                    Statement.RETURN_GENERATED_KEYS);
            ps.setString(1, routeId);
            ps.setString(2, trigger.name());
            ps.setString(3, actor);
            ps.setTimestamp(4, Timestamp.valueOf(startedAt));
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    void close(RunContext c, String status, String error, LocalDateTime endedAt) {
        Map<String, Long> counts = c.counts();
        tx.executeWithoutResult(s -> {
            hub.update("UPDATE route_run SET ended_at = ?, status = ?, error_message = ? WHERE id = ?",
                    Timestamp.valueOf(endedAt), status, truncate(error), c.runId());
            // A redelivered exchange closes the same run again: its counts replace the earlier attempt's.
            hub.update("DELETE FROM route_run_count WHERE run_id = ?", c.runId());
            List<Object[]> rows = counts.entrySet().stream().map(e -> new Object[] {c.runId(), e.getKey(), e.getValue()}).toList();
            if (!rows.isEmpty()) hub.batchUpdate("INSERT INTO route_run_count (run_id, name, amount) VALUES (?, ?, ?)", rows);
        });
    }

    public List<RunSummary> recent(String routeId, int limit) {
        String where = routeId == null ? "" : " WHERE route_id = ?";
        Object[] args = routeId == null ? new Object[] {} : new Object[] {routeId};
        List<Row> rows = hub.query("SELECT * FROM route_run" + where + " ORDER BY id DESC LIMIT " + Math.max(1, Math.min(limit, 1000)),
                (rs, n) -> new Row(rs.getLong("id"), rs.getString("route_id"), rs.getString("status"),
                        toLocal(rs.getTimestamp("started_at")), toLocal(rs.getTimestamp("ended_at")), rs.getString("error_message")), args);
        return withCounts(rows);
    }

    public RunSummary find(long runId) {
        List<Row> rows = hub.query("SELECT * FROM route_run WHERE id = ?",
                (rs, n) -> new Row(rs.getLong("id"), rs.getString("route_id"), rs.getString("status"),
                        toLocal(rs.getTimestamp("started_at")), toLocal(rs.getTimestamp("ended_at")), rs.getString("error_message")), runId);
        return rows.isEmpty() ? null : withCounts(rows).get(0);
    }

    private record Row(long id, String route, String status, LocalDateTime started, LocalDateTime ended, String error) {}

    /** The counters of all the runs in one query. */
    private List<RunSummary> withCounts(List<Row> rows) {
        if (rows.isEmpty()) return List.of();
        Map<Long, Map<String, Long>> counts = new HashMap<>();
        String in = rows.stream().map(r -> "?").collect(Collectors.joining(", "));
        hub.query("SELECT run_id, name, amount FROM route_run_count WHERE run_id IN (" + in + ") ORDER BY run_id, name",
                rs -> { counts.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3)); },
                rows.stream().map(Row::id).toArray());
        List<RunSummary> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new RunSummary(r.id(), r.route(), r.status(), r.started(), r.ended(), counts.getOrDefault(r.id(), Map.of()),
                    r.error(), Map.of()));
        }
        return out;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
    }

    private static LocalDateTime toLocal(Timestamp ts) {
        return ts == null ? null : ts.toLocalDateTime();
    }
}
