package io.etlhub.connector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The privileges the connected account holds on a table, and the GRANT that would add missing ones.
 * MySQL/MariaDB: information_schema's privilege tables (global, database, table and column grants of
 * the account and its current role). SQL Server: HAS_PERMS_BY_NAME (untested here: SQL Server cannot
 * run on the development machine). H2: an admin has every right, others the JDBC table privileges.
 */
public final class GrantProbe {
    public static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE");

    private final Connection connection;
    private final Dialect dialect;
    private final String user;
    private final List<String> grantees = new ArrayList<>();

    public GrantProbe(Connection connection, Dialect dialect) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        String current = single("SELECT CURRENT_USER" + (dialect == Dialect.MYSQL ? "()" : ""));
        if (dialect == Dialect.MYSQL && current != null && current.contains("@")) {
            int at = current.lastIndexOf('@');
            this.user = "'" + current.substring(0, at) + "'@'" + current.substring(at + 1) + "'";
            grantees.add(user);
            grantees.add("PUBLIC");
            String role = optional("SELECT CURRENT_ROLE()");
            if (role != null && !role.isBlank() && !"NONE".equalsIgnoreCase(role)) grantees.add("'" + role + "'");
        } else {
            this.user = current;
        }
    }

    /** The account as GRANT statements name it: 'etl'@'%' on MySQL/MariaDB. */
    public String user() { return user; }

    /** Privileges held on the table, among SELECT, INSERT, UPDATE, DELETE. */
    public Set<String> onTable(TableProbe.FoundTable table, Collection<String> columns) throws SQLException {
        return switch (dialect) {
            case MYSQL -> mysqlTable(table, columns);
            case SQLSERVER -> sqlServerTable(table);
            case H2 -> isH2Admin() ? new TreeSet<>(Set.of("SELECT", "INSERT", "UPDATE", "DELETE")) : jdbcTable(table);
        };
    }

    /** Global privileges (MySQL/MariaDB), with MariaDB's newer names given their classic ones too. */
    public Set<String> global() throws SQLException {
        Set<String> found = new TreeSet<>(strings("SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE GRANTEE IN (" + marks() + ")", grantees));
        // MariaDB 10.5+ reports REPLICATION CLIENT as BINLOG MONITOR.
        if (found.contains("BINLOG MONITOR")) found.add("REPLICATION CLIENT");
        return found;
    }

    public String grantSql(Collection<String> privileges, TableProbe.FoundTable table) {
        String target = switch (dialect) {
            case MYSQL -> table.catalog() + "." + table.name();
            default -> (table.schema() == null ? "" : table.schema() + ".") + table.name();
        };
        return "GRANT " + String.join(", ", privileges) + " ON " + target + " TO " + user;
    }

    private Set<String> mysqlTable(TableProbe.FoundTable table, Collection<String> columns) throws SQLException {
        String in = marks();
        List<Object> args = new ArrayList<>(grantees);
        args.addAll(grantees);
        args.add(table.catalog());
        args.addAll(grantees);
        args.add(table.catalog());
        args.add(table.name());
        Set<String> found = new TreeSet<>(strings(
                "SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE GRANTEE IN (" + in + ")"
                        + " UNION SELECT PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE IN (" + in + ") AND ? LIKE TABLE_SCHEMA"
                        + " UNION SELECT PRIVILEGE_TYPE FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE IN (" + in + ") AND TABLE_SCHEMA = ? AND TABLE_NAME = ?",
                args));
        found.addAll(coveringColumnGrants(table, columns));
        return found;
    }

    /** A column-level grant counts when it covers every column the hub uses of the table. */
    private Set<String> coveringColumnGrants(TableProbe.FoundTable table, Collection<String> columns) throws SQLException {
        List<Object> args = new ArrayList<>(grantees);
        args.add(table.catalog());
        args.add(table.name());
        Map<String, Set<String>> byPrivilege = new HashMap<>();
        try (PreparedStatement ps = prepared("SELECT PRIVILEGE_TYPE, COLUMN_NAME FROM information_schema.COLUMN_PRIVILEGES WHERE GRANTEE IN ("
                + marks() + ") AND TABLE_SCHEMA = ? AND TABLE_NAME = ?", args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) byPrivilege.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2).toLowerCase());
        }
        Set<String> covering = new TreeSet<>();
        byPrivilege.forEach((privilege, cols) -> {
            if (!columns.isEmpty() && columns.stream().allMatch(c -> cols.contains(c.toLowerCase()))) covering.add(privilege);
        });
        return covering;
    }

    private Set<String> sqlServerTable(TableProbe.FoundTable table) throws SQLException {
        Set<String> found = new TreeSet<>();
        String name = (table.schema() == null ? "" : table.schema() + ".") + table.name();
        for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE")) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT HAS_PERMS_BY_NAME(?, 'OBJECT', ?)")) {
                ps.setString(1, name);
                ps.setString(2, privilege);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getInt(1) == 1) found.add(privilege);
                }
            }
        }
        return found;
    }

    private boolean isH2Admin() throws SQLException {
        return "TRUE".equalsIgnoreCase(optional("SELECT IS_ADMIN FROM INFORMATION_SCHEMA.USERS WHERE USER_NAME = CURRENT_USER"));
    }

    private Set<String> jdbcTable(TableProbe.FoundTable table) throws SQLException {
        Set<String> found = new TreeSet<>();
        try (ResultSet rs = connection.getMetaData().getTablePrivileges(table.catalog(), table.schema(), table.name())) {
            while (rs.next()) found.add(rs.getString("PRIVILEGE").toUpperCase());
        }
        return found;
    }

    private String marks() { return String.join(", ", grantees.stream().map(g -> "?").toList()); }

    private PreparedStatement prepared(String sql, List<Object> args) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
        return ps;
    }

    private List<String> strings(String sql, List<?> args) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = prepared(sql, new ArrayList<>(args)); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1).toUpperCase());
        }
        return out;
    }

    private String single(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** A value some server versions do not have (CURRENT_ROLE on MySQL 5.7, IS_ADMIN on H2 1.x): null then. */
    private String optional(String sql) {
        try {
            return single(sql);
        } catch (SQLException e) {
            return null;
        }
    }
}
