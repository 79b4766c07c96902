package io.etlhub.quality;

import io.etlhub.connector.TableMapping;
import io.etlhub.crm.CrmSchema;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

import java.sql.ResultSetMetaData;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the CRM tables and columns a rule reads (logical "table.field" names of mappings/crm.yml)
 * are mapped, and exist in the CRM database: an empty query per table reads its columns once.
 */
final class MappedColumns {
    private final CrmSchema schema;
    private final JdbcTemplate db;
    private final Map<String, Optional<Set<String>>> columnsByTable = new HashMap<>();

    MappedColumns(CrmSchema schema, JdbcTemplate db) {
        this.schema = schema;
        this.db = db;
    }

    /** The first thing missing for these references, or null when every one is there. */
    NotConfigured missing(List<String> references) {
        for (String reference : references) {
            int dot = reference.indexOf('.');
            String table = reference.substring(0, dot);
            String field = reference.substring(dot + 1);
            TableMapping t = schema.tables() == null ? null : schema.tables().get(table);
            if (t == null || t.table() == null || t.table().isBlank()) return NotConfigured.unmappedTable(table);
            if (!t.has(field)) return NotConfigured.unmappedColumn(table, field);
            Optional<Set<String>> columns = columnsByTable.computeIfAbsent(t.table(), this::read);
            if (columns.isEmpty()) return NotConfigured.missingTable(table, t.table());
            if (!columns.get().contains(t.col(field).toUpperCase(Locale.ROOT))) {
                return NotConfigured.missingColumn(table, field, t.table(), t.col(field));
            }
        }
        return null;
    }

    private Optional<Set<String>> read(String table) {
        ResultSetExtractor<Set<String>> names = rs -> {
            ResultSetMetaData md = rs.getMetaData();
            Set<String> found = new HashSet<>();
            for (int i = 1; i <= md.getColumnCount(); i++) found.add(md.getColumnName(i).toUpperCase(Locale.ROOT));
            return found;
        };
        try {
            return Optional.ofNullable(db.query("SELECT * FROM " + table + " WHERE 1 = 0", names));
        } catch (BadSqlGrammarException e) {
            // Only "no such table": a connection problem still fails the report with its own message.
            return Optional.empty();
        }
    }
}
