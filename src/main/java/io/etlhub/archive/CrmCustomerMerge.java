package io.etlhub.archive;

import io.etlhub.connector.TableMapping;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes staged rows into the CRM's customer table, inside the caller's CRM transaction: a row that
 * matches an existing customer (credit code first, then name + phone) is merged by the mapping's
 * policy, any other row is inserted. Column names come from mappings/crm.yml only.
 */
public final class CrmCustomerMerge {
    private final JdbcTemplate crm;
    private final TableMapping table;
    private final ArchiveMapping mapping;
    private final CustomerKeys keys;
    private final String sourceFile;
    private final List<String> fields = new ArrayList<>();
    private final Map<String, Long> byCode = new HashMap<>();
    private final Map<String, Long> byNamePhone = new HashMap<>();
    private final Map<Long, String> codeOf = new HashMap<>();
    private final String insertSql;
    private final String mergeSql;
    private long inserted;
    private long merged;

    public CrmCustomerMerge(JdbcTemplate crm, TableMapping table, ArchiveMapping mapping, String sourceFile) {
        this.crm = crm;
        this.table = table;
        this.mapping = mapping;
        this.keys = new CustomerKeys(mapping.dedup());
        this.sourceFile = sourceFile;
        mapping.fields().forEach((name, f) -> { if (f.toCrm()) fields.add(name); });
        this.insertSql = insertSql();
        this.mergeSql = mergeSql();
    }

    /** Reads the CRM's existing customers' keys: credit codes and normalised name + each phone. */
    public void loadExisting() {
        List<String> phoneColumns = new ArrayList<>();
        for (String p : mapping.dedup().phones()) phoneColumns.add(column(p));
        if (table.has("phone") && !phoneColumns.contains(table.col("phone"))) phoneColumns.add(table.col("phone"));
        String sql = "SELECT " + table.col("id") + ", " + table.col("credit-code") + ", " + table.col("name")
                + (phoneColumns.isEmpty() ? "" : ", " + String.join(", ", phoneColumns)) + " FROM " + table.table();
        PhoneRule phones = new PhoneRule(false);
        crm.query(sql, rs -> {
            long id = rs.getLong(1);
            String code = rs.getString(2);
            if (code != null && !code.isBlank()) {
                byCode.putIfAbsent(code.trim().toUpperCase(), id);
                codeOf.put(id, code.trim().toUpperCase());
            }
            String name = CompanyNameRule.key(rs.getString(3));
            for (int i = 0; i < phoneColumns.size() && name != null; i++) {
                String raw = rs.getString(4 + i);
                Cleaned phone = raw == null ? Cleaned.BLANK : phones.apply(raw);
                if (phone.value() != null) byNamePhone.putIfAbsent(name + "|" + phone.value(), id);
            }
        });
    }

    /** Inserts or merges one page of rows (field -> normalised value). */
    public void apply(List<Map<String, String>> rows) {
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> merges = new ArrayList<>();
        for (Map<String, String> row : rows) {
            Long id = match(row);
            if (id == null) {
                inserts.add(insertArgs(row));
            } else {
                merges.add(mergeArgs(row, id));
            }
        }
        if (!inserts.isEmpty()) crm.batchUpdate(insertSql, inserts);
        if (!merges.isEmpty()) crm.batchUpdate(mergeSql, merges);
        inserted += inserts.size();
        merged += merges.size();
    }

    public long inserted() { return inserted; }

    public long merged() { return merged; }

    private Long match(Map<String, String> row) {
        String code = keys.creditCode(row);
        if (code != null && byCode.containsKey(code)) return byCode.get(code);
        for (String key : keys.namePhones(row)) {
            Long id = byNamePhone.get(key);
            // Same name and phone but a different credit code is another company.
            if (id != null && (code == null || !codeOf.containsKey(id))) return id;
        }
        return null;
    }

    private String insertSql() {
        List<String> cols = new ArrayList<>();
        for (String f : fields) cols.add(column(f));
        cols.add(table.col("source-file"));
        return "INSERT INTO " + table.table() + " (" + String.join(", ", cols) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(cols.size(), "?")) + ")";
    }

    private Object[] insertArgs(Map<String, String> row) {
        Object[] args = new Object[fields.size() + 1];
        for (int i = 0; i < fields.size(); i++) args[i] = typed(fields.get(i), row.get(fields.get(i)));
        args[fields.size()] = sourceFile;
        return args;
    }

    /**
     * One statement for every merge: each column keeps its CRM value unless that is blank (or, with
     * overwrite-older, older than the row's record date) and the row has a value. updated-at is set
     * last, so the comparisons above see the CRM's own time.
     */
    private String mergeSql() {
        StringBuilder sql = new StringBuilder("UPDATE " + table.table() + " SET ");
        String updatedAt = table.col("updated-at");
        for (String f : fields) {
            String c = column(f);
            boolean text = !"date".equals(rule(f)) && !"number".equals(rule(f));
            sql.append(c).append(" = CASE WHEN ").append(c).append(" IS NULL").append(text ? " OR " + c + " = ''" : "")
                    .append(mapping.merge().overwriteOlder() ? " OR " + updatedAt + " < ?" : "")
                    .append(" THEN COALESCE(?, ").append(c).append(") ELSE ").append(c).append(" END, ");
        }
        sql.append(updatedAt).append(" = CURRENT_TIMESTAMP WHERE ").append(table.col("id")).append(" = ?");
        return sql.toString();
    }

    private Object[] mergeArgs(Map<String, String> row, long id) {
        List<Object> args = new ArrayList<>();
        String recordDateField = mapping.merge().recordDate();
        String recordDate = recordDateField == null ? null : row.get(recordDateField);
        for (String f : fields) {
            if (mapping.merge().overwriteOlder()) args.add(recordDate == null ? null : Date.valueOf(LocalDate.parse(recordDate.substring(0, 10))));
            args.add(typed(f, row.get(f)));
        }
        args.add(id);
        return args.toArray();
    }

    private Object typed(String field, String value) {
        if (value == null) return null;
        return switch (rule(field)) {
            case "date" -> Date.valueOf(LocalDate.parse(value.substring(0, 10)));
            case "number" -> new BigDecimal(value);
            default -> value;
        };
    }

    private String rule(String field) {
        String r = mapping.fields().get(field).rule();
        return r == null ? "text" : r;
    }

    private String column(String field) {
        return table.col(mapping.fields().get(field).crmColumn(field));
    }
}
