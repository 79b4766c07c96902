package io.etlhub.archive;

import io.etlhub.connector.TableMapping;
import io.etlhub.crm.CrmTable;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the CRM's columns hold, read from the JDBC metadata of the mapped table ({@link CrmTable#columnSizes()}): the longest text in characters, the digits of a decimal. Checked per row while
 * the file is read, so an over-long value rejects its row with sheet, row and column instead of
 * failing the whole CRM write.
 */
public final class CrmColumnLimits {
    /** A text column's length in characters, or a decimal's precision and scale; 0 where there is no limit to check. */
    record Limit(int maxChars, int precision, int scale) {
        /** The reason key and its argument when the value does not fit, or null. */
        String[] check(String value) {
            if (maxChars > 0 && value.codePointCount(0, value.length()) > maxChars) {
                return new String[] {"archive.reason.too-long", CellIssue.args(maxChars, value.codePointCount(0, value.length()))};
            }
            if (precision > 0) {
                String digits = value.startsWith("-") ? value.substring(1) : value;
                int dot = digits.indexOf('.');
                String integer = dot < 0 ? digits : digits.substring(0, dot);
                int zeros = 0; // leading zeros, keeping the last digit ("000" has one digit)
                while (zeros < integer.length() - 1 && integer.charAt(zeros) == '0') zeros++;
                int integerDigits = integer.length() - zeros;
                if (integerDigits > precision - scale) return new String[] {"archive.reason.too-large", String.valueOf(precision - scale)};
            }
            return null;
        }
    }

    private final Map<String, Limit> byField;

    CrmColumnLimits(Map<String, Limit> byField) {
        this.byField = byField;
    }

    /** No limits: for reading without a CRM (tests of the reader). */
    static final CrmColumnLimits NONE = new CrmColumnLimits(Map.of());

    /** The limits of every field of the mapping that goes to a column of the table. */
    public static CrmColumnLimits read(CrmTable crm, ArchiveMapping mapping) {
        TableMapping table = crm.mapping();
        Map<String, CrmTable.ColumnSize> columns = crm.columnSizes();
        Map<String, Limit> byField = new HashMap<>();
        mapping.fields().forEach((name, f) -> {
            if (!f.toCrm() || !table.has(f.crmColumn(name))) return;
            CrmTable.ColumnSize size = columns.get(table.col(f.crmColumn(name)).toLowerCase(Locale.ROOT));
            if (size != null) byField.put(name, size.text() ? new Limit(size.size(), 0, 0) : new Limit(0, size.size(), size.scale()));
        });
        return new CrmColumnLimits(byField);
    }

    /** The reason key and argument when the field's value does not fit its CRM column, or null. */
    String[] check(String field, String value) {
        Limit limit = byField.get(field);
        return limit == null ? null : limit.check(value);
    }
}
