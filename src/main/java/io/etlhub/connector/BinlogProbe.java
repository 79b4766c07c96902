package io.etlhub.connector;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Debezium's MySQL/MariaDB connector needs of the server: the binlog on, in ROW format with FULL
 * row images, and an account with its global grants.
 */
public final class BinlogProbe {
    static final List<String> DEBEZIUM_GRANTS = List.of("SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE",
            "REPLICATION CLIENT", "LOCK TABLES");
    private static final Map<String, String> WANTED = Map.of("log_bin", "ON", "binlog_format", "ROW", "binlog_row_image", "FULL");
    private static final Map<String, String> SETTING = Map.of("log_bin", "log-bin=mysql-bin",
            "binlog_format", "binlog_format=ROW", "binlog_row_image", "binlog_row_image=FULL");

    private BinlogProbe() {}

    public static List<CheckLine> check(Connection connection, String subject) throws SQLException {
        List<CheckLine> lines = new ArrayList<>();
        Map<String, String> variables = new HashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN ('log_bin', 'binlog_format', 'binlog_row_image')")) {
            while (rs.next()) variables.put(rs.getString(1).toLowerCase(), rs.getString(2));
        }
        List<String> wrong = new ArrayList<>();
        WANTED.forEach((name, value) -> {
            if (!value.equalsIgnoreCase(variables.getOrDefault(name, ""))) wrong.add(name);
        });
        if (wrong.isEmpty()) {
            lines.add(CheckLine.ok(subject, "check.binlog.ok"));
        } else {
            List<CheckLine.Text> fixes = wrong.stream().sorted().map(w -> variables.containsKey(w)
                    ? CheckLine.Text.of("check.binlog.setting", w, variables.get(w), WANTED.get(w), SETTING.get(w))
                    : CheckLine.Text.of("check.binlog.unset", w, WANTED.get(w), SETTING.get(w))).toList();
            // one sentence per wrong setting, then the restart
            lines.add(new CheckLine(CheckLine.Status.FAIL, subject, CheckLine.Text.of("check.binlog.wrong." + fixes.size(),
                    fixes.toArray())));
        }
        GrantProbe grants = new GrantProbe(connection, Dialect.MYSQL);
        Set<String> missing = new TreeSet<>(DEBEZIUM_GRANTS);
        missing.removeAll(grants.global());
        lines.add(missing.isEmpty()
                ? CheckLine.ok(subject, "check.binlog.grants-ok", grants.user())
                : CheckLine.fail(subject, "check.binlog.grants-lacking", grants.user(), String.join(", ", missing)));
        return lines;
    }
}
