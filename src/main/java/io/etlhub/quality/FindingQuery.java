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

    static LocalDateTime since(ResultSet rs) throws SQLException {
        Timestamp t = rs.getTimestamp("since");
        return t == null ? null : t.toLocalDateTime();
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
