package io.etlhub.quality;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;

/** Reading the common columns of a findings row (record_id, record_no, owner, since; see crm.RankedFindings). */
final class FindingQuery {
    private FindingQuery() {}

    static LocalDateTime since(ResultSet rs) throws SQLException {
        Timestamp t = rs.getTimestamp("since");
        return t == null ? null : t.toLocalDateTime();
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
