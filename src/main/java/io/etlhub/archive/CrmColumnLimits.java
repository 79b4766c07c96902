package io.etlhub.archive;

import io.etlhub.connector.TableMapping;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the CRM's columns hold, read from the JDBC metadata of the mapped table (information_schema
 * on MariaDB/MySQL): the longest text in characters, the digits of a decimal. Checked per row while
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
                int integerDigits = (dot < 0 ? digits : digits.substring(0, dot)).replaceFirst("^0+(?=.)", "").length();
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
    public static CrmColumnLimits read(JdbcTemplate crm, TableMapping table, ArchiveMapping mapping) {
        Map<String, Limit> columns = crm.execute((ConnectionCallback<Map<String, Limit>>) c -> {
            DatabaseMetaData meta = c.getMetaData();
            Map<String, Limit> found = columns(meta, c.getCatalog(), table.table());
            if (found.isEmpty()) found = columns(meta, c.getCatalog(), table.table().toUpperCase(Locale.ROOT));
            if (found.isEmpty()) found = columns(meta, c.getCatalog(), table.table().toLowerCase(Locale.ROOT));
            return found;
        });
        Map<String, Limit> byField = new HashMap<>();
        mapping.fields().forEach((name, f) -> {
            if (!f.toCrm() || !table.has(f.crmColumn(name))) return;
            Limit limit = columns.get(table.col(f.crmColumn(name)).toLowerCase(Locale.ROOT));
            if (limit != null) byField.put(name, limit);
        });
        return new CrmColumnLimits(byField);
    }

    private static Map<String, Limit> columns(DatabaseMetaData meta, String catalog, String table) throws SQLException {
        Map<String, Limit> limits = new HashMap<>();
        try (ResultSet rs = meta.getColumns(catalog, null, table, null)) {
            while (rs.next()) {
                int type = rs.getInt("DATA_TYPE");
                int size = rs.getInt("COLUMN_SIZE");
                String name = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                switch (type) {
                    case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR ->
                            limits.put(name, new Limit(size, 0, 0));
                    case Types.DECIMAL, Types.NUMERIC -> limits.put(name, new Limit(0, size, rs.getInt("DECIMAL_DIGITS")));
                    default -> { }
                }
            }
        }
        return limits;
    }

    /** The reason key and argument when the field's value does not fit its CRM column, or null. */
    String[] check(String field, String value) {
        Limit limit = byField.get(field);
        return limit == null ? null : limit.check(value);
    }
}
