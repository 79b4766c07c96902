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
                    ? CheckLine.ok(subject, "check.webhook.off")
                    : hostResolves(subject, c.url()));
            default -> List.of(CheckLine.ok(subject, "check.kind.nothing", c.kind()));
        };
    }

    /** A notification or webhook URL: its host must resolve (the hub does not call it during a check). */
    public static CheckLine hostResolves(String subject, String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return CheckLine.fail(subject, "check.url.invalid", Secrets.maskUrl(url), e.getMessage());
        }
        if (host == null) return CheckLine.fail(subject, "check.url.no-host", Secrets.maskUrl(url));
        try {
            InetAddress.getByName(host);
            return CheckLine.ok(subject, "check.host.resolves", host);
        } catch (UnknownHostException e) {
            return CheckLine.fail(subject, "check.host.unknown", host);
        }
    }

    private List<CheckLine> database(ConnectorDefinition c, String subject, Collection<TableNeed> needs) {
        List<CheckLine> lines = new ArrayList<>();
        String server = JdbcUrls.server(c.url());
        try (Connection connection = connectors.connect(c.id())) {
            lines.add(CheckLine.ok(subject, "check.login.ok", server, c.username()));
            Dialect dialect = connectors.dialect(c.id());
            if ("debezium".equals(c.kind())) {
                if (dialect == Dialect.H2) {
                    lines.add(CheckLine.ok(subject, "check.binlog.demo"));
                } else if (dialect != Dialect.MYSQL) {
                    lines.add(CheckLine.warn(subject, "check.binlog.not-mysql", server));
                } else {
                    lines.addAll(BinlogProbe.check(connection, subject));
                }
            }
            GrantProbe grants = needs.isEmpty() ? null : new GrantProbe(connection, dialect);
            // H2 serves only as the demo's stand-in for the ERPs, written by the demo itself: no write warning there.
            boolean warnWrites = dialect != Dialect.H2;
            for (TableNeed need : needs) lines.addAll(table(connection, grants, subject, need, warnWrites));
        } catch (ConnectorConnectionException e) {
            lines.add(CheckLine.fail(subject, "check.login.failed", FailureCause.sqlFault(e, e.server(), e.user(), false), c.id()));
        } catch (SQLException e) {
            lines.add(CheckLine.fail(subject, "check.sql.failed", FailureCause.sqlFault(e, server, c.username(), false)));
        }
        return lines;
    }

    private static List<CheckLine> table(Connection connection, GrantProbe grants, String subject, TableNeed need,
                                         boolean warnWrites) throws SQLException {
        TableProbe.FoundTable table = TableProbe.find(connection, need.table());
        if (table == null) {
            return List.of(CheckLine.fail(subject, ApplyJournal.TABLE.equalsIgnoreCase(need.table())
                    ? "check.table.journal-missing" : "check.table.missing", need.table(), String.valueOf(connection.getCatalog())));
        }
        List<CheckLine> lines = new ArrayList<>();
        List<String> missing = table.missing(need.columns());
        lines.add(missing.isEmpty()
                ? CheckLine.ok(subject, "check.table.ok", table.name(), String.valueOf(need.columns().size()))
                : CheckLine.fail(subject, "check.table.no-column", table.name(), String.join(", ", missing)));
        Set<String> held = grants.onTable(table, need.columns().stream().filter(col -> !missing.contains(col)).toList());
        Set<String> lacking = new TreeSet<>(need.privileges());
        lacking.removeAll(held);
        if (!lacking.isEmpty()) {
            lines.add(CheckLine.fail(subject, "check.grant.lacking", grants.user(), String.join(", ", lacking), table.name(),
                    grants.grantSql(lacking, table)));
        } else {
            lines.add(CheckLine.ok(subject, "check.grant.ok", grants.user(), String.join(", ", need.privileges()), table.name()));
        }
        if (need.readOnly() && warnWrites) {
            Set<String> writes = new TreeSet<>(held);
            writes.retainAll(GrantProbe.WRITES);
            if (!writes.isEmpty()) {
                lines.add(CheckLine.warn(subject, "check.grant.writes", grants.user(), table.name(), String.join(", ", writes)));
            }
        }
        return lines;
    }
}
