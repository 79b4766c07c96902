package io.etlhub.quality;

import java.util.List;

/**
 * Why a rule was not run: switched off in mappings/quality.yml, or a table or column it needs is not
 * mapped in mappings/crm.yml or not found in the CRM database. The text is the message
 * {@code messageKey} with {@code args} (zh-CN and English in i18n/quality*.properties).
 */
public record NotConfigured(String messageKey, List<String> args) {
    static NotConfigured switchedOff() {
        return new NotConfigured("quality.not-configured.off", List.of());
    }

    static NotConfigured unmappedTable(String table) {
        return new NotConfigured("quality.not-configured.unmapped-table", List.of(table));
    }

    static NotConfigured unmappedColumn(String table, String field) {
        return new NotConfigured("quality.not-configured.unmapped-column", List.of(table + "." + field));
    }

    static NotConfigured missingTable(String table, String physical) {
        return new NotConfigured("quality.not-configured.missing-table", List.of(table, physical));
    }

    static NotConfigured missingColumn(String table, String field, String physicalTable, String physicalColumn) {
        return new NotConfigured("quality.not-configured.missing-column",
                List.of(table + "." + field, physicalTable + "." + physicalColumn));
    }
}
