package io.etlhub.quality;

import io.etlhub.connector.TableMapping;
import io.etlhub.crm.Crm;
import io.etlhub.crm.CrmSchema;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the CRM tables and columns a rule reads (logical "table.field" names of mappings/crm.yml)
 * are mapped, and exist in the CRM database ({@link Crm#columnsOf}, once per table).
 */
final class MappedColumns {
    private final CrmSchema schema;
    private final Crm crm;
    private final Map<String, Optional<Set<String>>> columnsByTable = new HashMap<>();

    MappedColumns(CrmSchema schema, Crm crm) {
        this.schema = schema;
        this.crm = crm;
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
            Optional<Set<String>> columns = columnsByTable.computeIfAbsent(t.table(), crm::columnsOf);
            if (columns.isEmpty()) return NotConfigured.missingTable(table, t.table());
            if (!columns.get().contains(t.col(field).toUpperCase(Locale.ROOT))) {
                return NotConfigured.missingColumn(table, field, t.table(), t.col(field));
            }
        }
        return null;
    }
}
