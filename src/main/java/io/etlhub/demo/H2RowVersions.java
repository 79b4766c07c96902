package io.etlhub.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** MIN_ACTIVE_ROWVERSION() for the simulated U8 database in H2, as SQL Server has it. */
public final class H2RowVersions {
    private H2RowVersions() {}

    public static long minActiveRowVersion(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES WHERE UPPER(SEQUENCE_NAME) = 'RV_SEQ'")) {
            return rs.next() ? rs.getLong(1) : Long.MAX_VALUE;
        }
    }
}
