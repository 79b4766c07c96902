package io.etlhub.pipeline;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

/** audit_log in the hub store: every admin action with who, when, what, before and after. */
@Repository
public class AuditLog {
    private final JdbcTemplate hub;
    private final Clock clock;

    public AuditLog(JdbcTemplate hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
    }

    public record Entry(long id, String actor, String action, String target, String before, String after, LocalDateTime at) {}

    public void record(String actor, String action, String target, String before, String after) {
        hub.update("INSERT INTO audit_log (actor, action, target, before_value, after_value, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                actor, action, target, cut(before), cut(after), Timestamp.valueOf(LocalDateTime.now(clock)));
    }

    public List<Entry> recent(int limit) {
        return hub.query("SELECT * FROM audit_log ORDER BY id DESC LIMIT " + Math.max(1, Math.min(limit, 1000)),
                (rs, n) -> new Entry(rs.getLong("id"), rs.getString("actor"), rs.getString("action"), rs.getString("target"),
                        rs.getString("before_value"), rs.getString("after_value"), rs.getTimestamp("created_at").toLocalDateTime()));
    }

    private static String cut(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
    }
}
