package io.etlhub.connector;

import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks one connector as the hub will use it: logs in with its credentials, finds every table and
 * column the routes need, compares the account's privileges with what the hub needs (and warns when
 * an ERP source account can write), checks a CDC server's binlog and a webhook's host.
 */
@Component
public class ConnectorCheck {
    private final ConnectorCatalog connectors;

    public ConnectorCheck(ConnectorCatalog connectors) {
        this.connectors = connectors;
    }

    public List<CheckLine> check(ConnectorDefinition c, Collection<TableNeed> needs) {
        String subject = "connector " + c.id();
        return switch (c.kind()) {
            case "jdbc", "debezium" -> database(c, subject, needs);
            // A webhook without a url is switched off: rules for it queue nothing (docs/file-formats.md).
            case "webhook" -> List.of(c.url() == null || c.url().isBlank()
                    ? CheckLine.ok(subject, "no url: notifications to it are off")
                    : hostResolves(subject, c.url()));
            default -> List.of(CheckLine.ok(subject, "kind " + c.kind() + ", nothing to connect to"));
        };
    }

    /** A notification or webhook URL: its host must resolve (the hub does not call it during a check). */
    public static CheckLine hostResolves(String subject, String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return CheckLine.fail(subject, "URL " + Secrets.maskUrl(url) + " is not valid: " + e.getMessage());
        }
        if (host == null) return CheckLine.fail(subject, "URL " + Secrets.maskUrl(url) + " has no host");
        try {
            InetAddress.getByName(host);
            return CheckLine.ok(subject, "host " + host + " resolves");
        } catch (UnknownHostException e) {
            return CheckLine.fail(subject, "host " + host + " does not resolve: check the URL and the DNS of this machine");
        }
    }

    private List<CheckLine> database(ConnectorDefinition c, String subject, Collection<TableNeed> needs) {
        List<CheckLine> lines = new ArrayList<>();
        String server = JdbcUrls.server(c.url());
        try (Connection connection = connectors.connect(c.id())) {
            lines.add(CheckLine.ok(subject, "logged in to " + server + " as " + c.username()));
            Dialect dialect = connectors.dialect(c.id());
            if ("debezium".equals(c.kind())) {
                if (dialect == Dialect.H2) {
                    lines.add(CheckLine.ok(subject, "the embedded demo database has no binlog: change capture needs a MySQL/MariaDB CRM"));
                } else if (dialect != Dialect.MYSQL) {
                    lines.add(CheckLine.warn(subject, "not a MySQL/MariaDB server: change capture (binlog) cannot run on " + server));
                } else {
                    lines.addAll(BinlogProbe.check(connection, subject));
                }
            }
            GrantProbe grants = needs.isEmpty() ? null : new GrantProbe(connection, dialect);
            // H2 serves only as the demo's stand-in for the ERPs, written by the demo itself: no write warning there.
            boolean warnWrites = dialect != Dialect.H2;
            for (TableNeed need : needs) lines.addAll(table(connection, grants, subject, need, warnWrites));
        } catch (ConnectorConnectionException e) {
            lines.add(CheckLine.fail(subject, FailureCause.fromSql(e, null, e.server(), e.user())
                    + ": check connectors/" + c.id() + ".yml and its URL, user and password"));
        } catch (SQLException e) {
            lines.add(CheckLine.fail(subject, FailureCause.fromSql(e, null, server, c.username())));
        }
        return lines;
    }

    private static List<CheckLine> table(Connection connection, GrantProbe grants, String subject, TableNeed need,
                                         boolean warnWrites) throws SQLException {
        TableProbe.FoundTable table = TableProbe.find(connection, need.table());
        if (table == null) {
            String fix = ApplyJournal.TABLE.equalsIgnoreCase(need.table())
                    ? "run: java -jar etl-hub.jar run init-crm"
                    : "create it or correct the table name in mappings/";
            return List.of(CheckLine.fail(subject, "table " + need.table() + " is missing in database "
                    + connection.getCatalog() + ": " + fix));
        }
        List<CheckLine> lines = new ArrayList<>();
        List<String> missing = table.missing(need.columns());
        lines.add(missing.isEmpty()
                ? CheckLine.ok(subject, "table " + table.name() + " has the " + need.columns().size() + " mapped columns")
                : CheckLine.fail(subject, "table " + table.name() + " has no column " + String.join(", ", missing)
                        + ": add it or correct the column name in mappings/"));
        Set<String> held = grants.onTable(table, need.columns().stream().filter(col -> !missing.contains(col)).toList());
        Set<String> lacking = new TreeSet<>(need.privileges());
        lacking.removeAll(held);
        if (!lacking.isEmpty()) {
            lines.add(CheckLine.fail(subject, "account " + grants.user() + " lacks " + String.join(", ", lacking) + " on "
                    + table.name() + ": " + grants.grantSql(lacking, table)));
        } else {
            lines.add(CheckLine.ok(subject, "account " + grants.user() + " has " + String.join(", ", need.privileges()) + " on " + table.name()));
        }
        if (need.readOnly() && warnWrites) {
            Set<String> writes = new TreeSet<>(held);
            writes.retainAll(GrantProbe.WRITES);
            if (!writes.isEmpty()) {
                lines.add(CheckLine.warn(subject, "account " + grants.user() + " can write to " + table.name() + " (" + String.join(", ", writes)
                        + "): the hub only reads the ERP; grant SELECT only"));
            }
        }
        return lines;
    }
}
