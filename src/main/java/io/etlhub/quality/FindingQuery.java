package io.etlhub.quality;

import io.etlhub.connector.Dialect;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Runs a findings query worst owner first, capped: the inner query returns record_id, record_no,
 * owner, since and rule-specific columns; the database ranks owners by their number of findings.
 */
final class FindingQuery {
    interface Row {
        Finding map(ResultSet rs) throws SQLException;
    }

    private FindingQuery() {}

    static List<Finding> run(JdbcTemplate jdbc, Dialect dialect, String findingsSql, int limit, Row row, Object... args) {
        String sql = "SELECT z.* FROM (SELECT f.*, COUNT(*) OVER (PARTITION BY COALESCE(f.owner, '')) AS owner_findings FROM ("
                + findingsSql + ") f) z ORDER BY z.owner_findings DESC, z.owner, z.since, z.record_id";
        return jdbc.query(dialect.limit(sql, limit), (rs, i) -> row.map(rs), args);
    }

    /**
     * As {@link #run} for findings of several rules read in one pass: the inner query also returns
     * a kind column; owners are ranked and the cap applied per kind. Rows come ordered by kind.
     */
    static List<Finding> runPerKind(JdbcTemplate jdbc, String findingsSql, int limit, Row row, Object... args) {
        String sql = "SELECT z.* FROM (SELECT y.*, ROW_NUMBER() OVER (PARTITION BY y.kind ORDER BY y.owner_findings DESC, y.owner, "
                + "y.since, y.record_id) AS kind_pos FROM (SELECT f.*, COUNT(*) OVER (PARTITION BY f.kind, COALESCE(f.owner, '')) "
                + "AS owner_findings FROM (" + findingsSql + ") f) y) z WHERE z.kind_pos <= ? ORDER BY z.kind, z.kind_pos";
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = limit;
        return jdbc.query(sql, (rs, i) -> row.map(rs), all);
    }

    static LocalDateTime since(ResultSet rs) throws SQLException {
        Timestamp t = rs.getTimestamp("since");
        return t == null ? null : t.toLocalDateTime();
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
