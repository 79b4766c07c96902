package io.etlhub.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the bench's MariaDB spends a phase (-Dbench.profile=true): the statements by total server time
 * (performance_schema digests, when the server runs with --performance-schema=ON) and the handler,
 * InnoDB and binlog counters the phase moved (SHOW GLOBAL STATUS).
 */
final class ServerProfile {
    private static final String[] COUNTERS = {"Handler_read_key", "Handler_read_next", "Handler_read_prev", "Handler_read_rnd_next",
            "Handler_write", "Handler_update", "Handler_delete", "Innodb_rows_read", "Innodb_rows_inserted", "Innodb_rows_updated",
            "Innodb_buffer_pool_read_requests", "Innodb_buffer_pool_reads", "Innodb_buffer_pool_write_requests",
            "Innodb_buffer_pool_pages_flushed", "Innodb_data_written", "Innodb_os_log_written", "Binlog_bytes_written",
            "Com_select", "Com_insert", "Com_update", "Com_update_multi", "Created_tmp_tables", "Sort_rows"};

    private final String url;
    private final String user;
    private final String password;
    private Map<String, Long> before;

    ServerProfile(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    static boolean wanted() { return Boolean.getBoolean("bench.profile"); }

    void start() throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            if (digests(s)) s.execute("TRUNCATE TABLE performance_schema.events_statements_summary_by_digest");
            before = status(s);
        }
    }

    void print(String phase) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            Map<String, Long> after = status(s);
            System.out.println("server profile: " + phase);
            for (String name : COUNTERS) {
                System.out.printf("  %-34s %,15d%n", name, after.getOrDefault(name, 0L) - before.getOrDefault(name, 0L));
            }
            if (!digests(s)) return;
            try (ResultSet rs = s.executeQuery("SELECT SCHEMA_NAME, COUNT_STAR, SUM_TIMER_WAIT / 1e12, SUM_LOCK_TIME / 1e12, "
                    + "SUM_ROWS_EXAMINED, SUM_ROWS_AFFECTED, SUM_ROWS_SENT, LEFT(DIGEST_TEXT, 160) "
                    + "FROM performance_schema.events_statements_summary_by_digest ORDER BY SUM_TIMER_WAIT DESC LIMIT 15")) {
                System.out.println("  statements by server time: schema, count, seconds, lock s, rows examined, affected, sent, text");
                while (rs.next()) {
                    System.out.printf("  %-10s %,9d %7.2f s %6.2f %,12d %,10d %,10d %s%n", rs.getString(1), rs.getLong(2), rs.getDouble(3),
                            rs.getDouble(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getString(8));
                }
            }
        }
    }

    private static boolean digests(Statement s) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT @@performance_schema")) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    private static Map<String, Long> status(Statement s) throws Exception {
        Map<String, Long> values = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS")) {
            while (rs.next()) {
                try {
                    values.put(rs.getString(1), Long.parseLong(rs.getString(2)));
                } catch (NumberFormatException notACounter) {
                    // text values (versions, states) are not counters
                }
            }
        }
        return values;
    }
}
