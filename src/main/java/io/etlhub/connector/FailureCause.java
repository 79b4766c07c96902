package io.etlhub.connector;

import org.springframework.core.env.PropertyResolver;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a start-up or run failure into the one line an admin can act on ({@link #line}), what to do
 * ({@link #fix}) and the chain of messages ({@link #details}). Shared by the server's failure analyzer
 * and the CLI. Recognises MySQL/MariaDB and SQL Server vendor codes and SQL states; SQL Server cannot
 * run on the development machine, so its codes (18456, 4060, 208, 207, 229, 230) are taken from
 * Microsoft's documentation and untested here.
 */
public record FailureCause(String line, String fix, List<String> details) {
    public static final String DEPLOYMENT_DOC = "docs/deployment.md";
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final Pattern MYSQL_TABLE = Pattern.compile("Table '(?:([^'.]+)\\.)?([^']+)' doesn't exist");
    private static final Pattern SQLSERVER_OBJECT = Pattern.compile("Invalid object name '([^']+)'");
    private static final Pattern H2_TABLE = Pattern.compile("Table \"([^\"]+)\" not found");

    /** @param environment resolves spring.datasource.* to name the hub store's server; may be null */
    public static FailureCause of(Throwable failure, PropertyResolver environment) {
        List<String> details = chain(failure);
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConfigFolderMissingException || t instanceof ConfigFileException) {
                return new FailureCause(t.getMessage(), "correct the file or folder named above (see docs/file-formats.md)", details);
            }
            if (t instanceof ConnectorConnectionException c) {
                return new FailureCause(fromSql(c, "connector " + c.connector(), c.server(), c.user()),
                        "check connectors/" + c.connector() + ".yml and its *_JDBC_URL, *_JDBC_USER, *_JDBC_PASSWORD; "
                                + "then run: java -jar etl-hub.jar run check", details);
            }
        }
        SQLException sql = first(failure, SQLException.class);
        if (sql != null) {
            String url = environment == null ? null : environment.getProperty("spring.datasource.url");
            String user = environment == null ? null : environment.getProperty("spring.datasource.username");
            // Connectors' connection failures arrive wrapped (above): one without a connector is the hub store's.
            String line = fromSql(sql, connectionLevel(sql) ? "hub store" : null, JdbcUrls.server(url), user);
            String fix = line.contains(ApplyJournal.TABLE) ? "run: java -jar etl-hub.jar run init-crm (see " + DEPLOYMENT_DOC + ")"
                    : connectionLevel(sql) ? "check HUB_JDBC_URL, HUB_JDBC_USER, HUB_JDBC_PASSWORD and the grants in " + DEPLOYMENT_DOC
                    : "check the tables and columns with: java -jar etl-hub.jar run check";
            return new FailureCause(line, fix, details);
        }
        org.flywaydb.core.api.FlywayException flyway = first(failure, org.flywaydb.core.api.FlywayException.class);
        if (flyway != null) {
            // Flyway's own text is one clear sentence already (non-empty schema, checksum mismatch, ...).
            String message = flyway.getMessage() == null ? "" : flyway.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
            return new FailureCause("schema migration failed: " + message,
                    "the hub store and the reference CRM are prepared by Flyway; see " + DEPLOYMENT_DOC, details);
        }
        Throwable root = root(failure);
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof UnknownHostException) message = "unknown host " + message;
        return new FailureCause(message, "see the details below", details);
    }

    /** True when the failure is one this class explains better than a stack trace (database or configuration). */
    public static boolean recognises(Throwable failure) {
        return first(failure, SQLException.class) != null || first(failure, ConfigFileException.class) != null
                || first(failure, ConfigFolderMissingException.class) != null
                || first(failure, org.flywaydb.core.api.FlywayException.class) != null;
    }

    /** One line for a database error: who (connector or hub store), what, on which server (English, for the log and start-up report). */
    static String fromSql(SQLException e, String who, String server, String user) {
        CheckLine.Text fault = sqlFault(e, server, user, who != null);
        // the missing journal names its fix, whoever met it
        return (who == null || fault.key().equals("check.sql.journal-missing") ? "" : who + ": ") + fault.english();
    }

    /**
     * What a database error means, as a sentence of i18n/check (translated where a reader sees it): access denied,
     * no such database, a missing table or column, a privilege, an unreachable server, else the driver's message.
     */
    public static CheckLine.Text sqlFault(SQLException e, String server, String user, boolean nameServerOfTable) {
        SQLException vendor = deepest(e);
        int code = vendor.getErrorCode();
        String state = vendor.getSQLState() == null ? "" : vendor.getSQLState();
        String message = vendor.getMessage() == null ? "" : vendor.getMessage();
        if (code == 1045 || code == 18456 || state.startsWith("28")) {
            return CheckLine.Text.of("check.sql.access-denied", user == null ? quoted(message, 0) : user, String.valueOf(server));
        }
        if (code == 1049 || code == 4060 || code == 90146) {
            return CheckLine.Text.of("check.sql.no-database", databaseName(message), String.valueOf(server));
        }
        if (code == 1044) {
            return CheckLine.Text.of("check.sql.no-access", user == null ? quoted(message, 0) : user, quoted(message, 2), String.valueOf(server));
        }
        String table = tableMissing(vendor);
        if (table != null) {
            return ApplyJournal.TABLE.equalsIgnoreCase(table) ? CheckLine.Text.of("check.sql.journal-missing", ApplyJournal.TABLE)
                    : server == null || !nameServerOfTable ? CheckLine.Text.of("check.sql.table-missing", table)
                    : CheckLine.Text.of("check.sql.table-missing-on", table, server);
        }
        if (code == 1054 || code == 207 || code == 42122) {
            return CheckLine.Text.of("check.sql.column-missing", quoted(message, 0));
        }
        if (code == 1142 || code == 1143 || code == 229 || code == 230) {
            return CheckLine.Text.of("check.sql.privilege", message);
        }
        if (state.startsWith("08") || first(e, ConnectException.class) != null || first(e, UnknownHostException.class) != null) {
            return CheckLine.Text.of("check.sql.unreachable", String.valueOf(server));
        }
        return CheckLine.Text.of("check.sql.other", message);
    }

    private static boolean connectionLevel(SQLException e) {
        SQLException vendor = deepest(e);
        int code = vendor.getErrorCode();
        String state = vendor.getSQLState() == null ? "" : vendor.getSQLState();
        return code == 1045 || code == 18456 || code == 1049 || code == 4060 || code == 1044 || code == 90146
                || state.startsWith("28") || state.startsWith("08") || first(e, ConnectException.class) != null;
    }

    private static String tableMissing(SQLException e) {
        SQLException vendor = deepest(e);
        String message = vendor.getMessage() == null ? "" : vendor.getMessage();
        int code = vendor.getErrorCode();
        if (code == 1146) {
            Matcher m = MYSQL_TABLE.matcher(message);
            return m.find() ? m.group(2) : quoted(message, 0);
        }
        if (code == 208) {
            Matcher m = SQLSERVER_OBJECT.matcher(message);
            return m.find() ? m.group(1).replaceAll(".*\\.", "") : "?";
        }
        if (code == 42102 || code == 42104) {
            Matcher m = H2_TABLE.matcher(message);
            return m.find() ? m.group(1) : "?";
        }
        return null;
    }

    private static String databaseName(String message) {
        String name = quoted(message, 0);
        if (!"?".equals(name)) return name;
        Matcher m = Pattern.compile("Cannot open database \"([^\"]+)\"").matcher(message);
        return m.find() ? m.group(1) : "?";
    }

    /** The n-th 'quoted' word of a vendor message (MySQL quotes the user, host and database). */
    private static String quoted(String message, int n) {
        Matcher m = QUOTED.matcher(message);
        for (int i = 0; m.find(); i++) {
            if (i == n) return m.group(1);
        }
        return "?";
    }

    private static SQLException deepest(SQLException e) {
        SQLException found = e;
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLException s) found = s;
        }
        return found;
    }

    private static <T extends Throwable> T first(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }

    private static Throwable root(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
    }

    /**
     * The chain of causes, one line each: the first line of each message, masked, shortened; a wrapper
     * whose message only repeats its cause's (Spring's bean creation chain) is left out.
     */
    private static List<String> chain(Throwable failure) {
        List<String> lines = new ArrayList<>();
        for (Throwable t = failure; t != null && lines.size() < 8; t = t.getCause() == t ? null : t.getCause()) {
            String message = firstLine(t.getMessage());
            Throwable cause = t.getCause();
            if (t != failure && cause != null && cause != t && message.contains(firstLine(cause.getMessage()))) continue;
            lines.add(t.getClass().getSimpleName() + ": " + (message.length() > 240 ? message.substring(0, 240) + "..." : message));
        }
        return lines;
    }

    private static String firstLine(String message) {
        if (message == null) return "";
        int nl = message.indexOf('\n');
        return Secrets.maskUrl(nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
