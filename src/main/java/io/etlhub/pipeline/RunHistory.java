package io.etlhub.pipeline;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/** route_run in the hub store: one row per run, opened when it starts and closed when it ends. */
@Repository
public class RunHistory {
    private final JdbcTemplate hub;

    public RunHistory(JdbcTemplate hub) {
        this.hub = hub;
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
        hub.update("""
                UPDATE route_run SET ended_at = ?, status = ?, rows_read = ?, rows_applied = ?, rows_reversed = ?,
                       rows_unmatched = ?, rows_unchanged = ?, rows_failed = ?, error_message = ? WHERE id = ?""",
                Timestamp.valueOf(endedAt), status, c.read.get(), c.applied.get(), c.reversed.get(),
                c.unmatched.get(), c.unchanged.get(), c.failed.get(), truncate(error), c.runId());
    }

    public List<RunSummary> recent(String routeId, int limit) {
        String where = routeId == null ? "" : " WHERE route_id = ?";
        Object[] args = routeId == null ? new Object[] {} : new Object[] {routeId};
        return hub.query("SELECT * FROM route_run" + where + " ORDER BY id DESC LIMIT " + Math.max(1, Math.min(limit, 1000)), MAPPER, args);
    }

    public RunSummary find(long runId) {
        List<RunSummary> runs = hub.query("SELECT * FROM route_run WHERE id = ?", MAPPER, runId);
        return runs.isEmpty() ? null : runs.get(0);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
    }

    private static final RowMapper<RunSummary> MAPPER = (rs, n) -> new RunSummary(
            rs.getLong("id"), rs.getString("route_id"), rs.getString("status"),
            toLocal(rs.getTimestamp("started_at")), toLocal(rs.getTimestamp("ended_at")),
            rs.getLong("rows_read"), rs.getLong("rows_applied"), rs.getLong("rows_reversed"),
            rs.getLong("rows_unmatched"), rs.getLong("rows_unchanged"), rs.getLong("rows_failed"),
            rs.getString("error_message"), Map.of());

    private static LocalDateTime toLocal(Timestamp ts) {
        return ts == null ? null : ts.toLocalDateTime();
    }
}
