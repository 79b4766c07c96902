package io.etlhub.connector;

import java.util.Map;

/** A table and its columns, by the hub's logical field names. */
public record TableMapping(String table, Map<String, String> columns) {
    public String col(String field) {
        String c = columns == null ? null : columns.get(field);
        if (c == null) {
            throw new IllegalStateException("mapping for table " + table + " has no column for '" + field + "'");
        }
        return c;
    }

    public boolean has(String field) {
        return columns != null && columns.containsKey(field);
    }
}
