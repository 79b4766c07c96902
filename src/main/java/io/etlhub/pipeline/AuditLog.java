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

    /** What the audit page filters on; a null or blank field does not filter. {@code to} is inclusive (the whole day). */
    public record Filter(String actor, String action, java.time.LocalDate from, java.time.LocalDate to) {}

    /** The entries that pass the filter, newest first, from {@code offset}. */
    public List<Entry> find(Filter filter, int offset, int limit) {
        List<Object> args = new java.util.ArrayList<>();
        String where = where(filter, args);
        return hub.query("SELECT * FROM audit_log" + where + " ORDER BY id DESC LIMIT " + Math.max(1, Math.min(limit, 1000))
                        + " OFFSET " + Math.max(0, offset),
                (rs, n) -> new Entry(rs.getLong("id"), rs.getString("actor"), rs.getString("action"), rs.getString("target"),
                        rs.getString("before_value"), rs.getString("after_value"), rs.getTimestamp("created_at").toLocalDateTime()),
                args.toArray());
    }

    public long count(Filter filter) {
        List<Object> args = new java.util.ArrayList<>();
        Long n = hub.queryForObject("SELECT COUNT(*) FROM audit_log" + where(filter, args), Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    /** The actions recorded so far, for the filter's choices. */
    public List<String> actions() {
        return hub.queryForList("SELECT DISTINCT action FROM audit_log ORDER BY action", String.class);
    }

    private static String where(Filter f, List<Object> args) {
        List<String> terms = new java.util.ArrayList<>();
        if (f.actor() != null && !f.actor().isBlank()) { terms.add("actor = ?"); args.add(f.actor().trim()); }
        if (f.action() != null && !f.action().isBlank()) { terms.add("action = ?"); args.add(f.action().trim()); }
        if (f.from() != null) { terms.add("created_at >= ?"); args.add(Timestamp.valueOf(f.from().atStartOfDay())); }
        if (f.to() != null) { terms.add("created_at < ?"); args.add(Timestamp.valueOf(f.to().plusDays(1).atStartOfDay())); }
        return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    }

    private static String cut(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
    }
}
