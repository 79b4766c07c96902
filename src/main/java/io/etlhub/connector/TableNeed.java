package io.etlhub.connector;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the hub needs of one table of one connector: the columns it uses and the privileges its
 * account must have. {@code readOnly} marks an ERP source the hub must not be able to write.
 */
public record TableNeed(String connector, String table, Set<String> columns, Set<String> privileges, boolean readOnly) {

    public static TableNeed of(String connector, TableMapping mapping, String... privileges) {
        return new TableNeed(connector, mapping.table(),
                mapping.columns() == null ? Set.of() : new TreeSet<>(mapping.columns().values()),
                new TreeSet<>(Arrays.asList(privileges)), false);
    }

    public static TableNeed readOnly(String connector, String table, Collection<String> columns) {
        return new TableNeed(connector, table, new TreeSet<>(columns), new TreeSet<>(Set.of("SELECT")), true);
    }

    public String key() { return connector + "/" + table.toLowerCase(); }

    /** Two routes' needs of the same table: all columns, all privileges; read-only only if both are. */
    public TableNeed merge(TableNeed other) {
        Set<String> cols = new TreeSet<>(columns);
        cols.addAll(other.columns);
        Set<String> privs = new TreeSet<>(privileges);
        privs.addAll(other.privileges);
        return new TableNeed(connector, table, cols, privs, readOnly && other.readOnly);
    }
}
