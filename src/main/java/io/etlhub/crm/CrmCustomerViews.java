package io.etlhub.crm;

import io.etlhub.connector.BulkInsert;
import io.etlhub.connector.TableMapping;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRM side of the customer 360 view (mappings/crm.yml tables customer-view, activity, contract,
 * opportunity): the customers with an ERP code, what the CRM itself knows for the health score and the
 * credit left (deals in negotiation), and the upsert of the view rows, a chunk in one CRM transaction.
 */
@Component
public class CrmCustomerViews {
    /** A CRM customer the view is built for: its id and ERP code. */
    public record Customer(long id, String code, String name) {}

    /** A line of the console's customer list: the customer and the headline figures of its stored view (null before the first). */
    public record Listed(String code, String name, BigDecimal remainingCredit, BigDecimal minCoverDays, String alerts,
                         java.time.LocalDateTime refreshedAt) {}

    /** The CRM's own figures of a customer for the view. */
    public record Facts(BigDecimal pipeline, LocalDate lastInteraction, LocalDate contractEnd, BigDecimal received, BigDecimal due) {
        public static final Facts NONE = new Facts(null, null, null, null, null);
    }

    private final Crm crm;

    public CrmCustomerViews(Crm crm) {
        this.crm = crm;
    }

    private NamedParameterJdbcTemplate named() { return new NamedParameterJdbcTemplate(crm.jdbc()); }

    /** The customers with these ERP codes. */
    public List<Customer> customers(Collection<String> codes) {
        TableMapping c = crm.table("customer");
        String sql = "SELECT " + c.col("id") + ", " + c.col("erp-code") + ", " + c.col("name") + " FROM " + c.table()
                + " WHERE " + c.col("erp-code") + " IS NOT NULL";
        List<Customer> out = new ArrayList<>();
        List<String> list = new ArrayList<>(codes);
        for (int i = 0; i < list.size(); i += 1000) {
            named().query(sql + " AND " + c.col("erp-code") + " IN (:codes)",
                    new MapSqlParameterSource("codes", list.subList(i, Math.min(list.size(), i + 1000))),
                    rs -> { out.add(new Customer(rs.getLong(1), rs.getString(2).trim(), rs.getString(3))); });
        }
        return out;
    }

    /** The next page of customers with an ERP code, by ERP code after the given one (from the first when null). */
    public List<Customer> customersAfter(String afterCode, int limit) {
        TableMapping c = crm.table("customer");
        MapSqlParameterSource p = new MapSqlParameterSource("after", afterCode);
        String sql = "SELECT " + c.col("id") + ", " + c.col("erp-code") + ", " + c.col("name") + " FROM " + c.table()
                + " WHERE " + c.col("erp-code") + " IS NOT NULL" + (afterCode == null ? "" : " AND " + c.col("erp-code") + " > :after")
                + " ORDER BY " + c.col("erp-code");
        List<Customer> out = new ArrayList<>();
        named().query(crm.dialect().limit(sql, limit), p, rs -> { out.add(new Customer(rs.getLong(1), rs.getString(2).trim(), rs.getString(3))); });
        return out;
    }

    /** How many customers with an ERP code have the text in their code or name (all of them for a blank text). */
    public long count(String text) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        Long n = named().queryForObject("SELECT COUNT(*) FROM " + crm.table("customer").table() + " c" + listWhere(text, p), p, Long.class);
        return n == null ? 0 : n;
    }

    /** One page of those customers by ERP code, each with the headline figures of its customer view. */
    public List<Listed> list(String text, long offset, int limit) {
        TableMapping c = crm.table("customer"), v = crm.table("customer-view");
        MapSqlParameterSource p = new MapSqlParameterSource();
        String sql = "SELECT c." + c.col("erp-code") + ", c." + c.col("name") + ", v." + v.col("remaining-credit") + ", v."
                + v.col("min-cover-days") + ", v." + v.col("alerts") + ", v." + v.col("refreshed-at") + " FROM " + c.table() + " c LEFT JOIN "
                + v.table() + " v ON v." + v.col("customer-code") + " = c." + c.col("erp-code") + listWhere(text, p)
                + " ORDER BY c." + c.col("erp-code");
        List<Listed> out = new ArrayList<>();
        named().query(crm.dialect().page(sql, offset, limit), p, rs -> {
            Timestamp at = rs.getTimestamp(6);
            out.add(new Listed(rs.getString(1).trim(), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getString(5),
                    at == null ? null : at.toLocalDateTime()));
        });
        return out;
    }

    /** Customers with an ERP code, and the text anywhere in code or name, case-insensitive (LIKE wildcards in it taken literally). */
    private String listWhere(String text, MapSqlParameterSource p) {
        TableMapping c = crm.table("customer");
        String where = " WHERE c." + c.col("erp-code") + " IS NOT NULL";
        if (text == null || text.isBlank()) return where;
        String escaped = text.trim().toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
        p.addValue("text", "%" + escaped + "%");
        return where + " AND (LOWER(c." + c.col("erp-code") + ") LIKE :text ESCAPE '!' OR LOWER(c." + c.col("name") + ") LIKE :text ESCAPE '!')";
    }

    /**
     * Per customer id: the signed amount of its opportunities in the negotiation stages, its last interaction,
     * its latest contract end, and received / due of opportunities planned for receipt between from and to.
     */
    public Map<Long, Facts> facts(Collection<Long> customerIds, Collection<String> negotiationStages, LocalDate from, LocalDate to) {
        Map<Long, Facts> out = new HashMap<>();
        if (customerIds.isEmpty()) return out;
        TableMapping o = crm.table("opportunity");
        Map<String, TableMapping> tables = crm.schema().tables();
        MapSqlParameterSource p = new MapSqlParameterSource("ids", customerIds).addValue("stages", negotiationStages)
                .addValue("from", java.sql.Date.valueOf(from)).addValue("to", java.sql.Date.valueOf(to));
        Map<Long, BigDecimal> pipeline = new HashMap<>();
        if (!negotiationStages.isEmpty()) {
            named().query("SELECT " + o.col("customer-id") + ", SUM(" + o.col("signed-amount") + ") FROM " + o.table() + " WHERE "
                    + o.col("customer-id") + " IN (:ids) AND " + o.col("stage") + " IN (:stages) GROUP BY " + o.col("customer-id"), p,
                    rs -> { pipeline.put(rs.getLong(1), rs.getBigDecimal(2)); });
        }
        Map<Long, BigDecimal[]> receipts = new HashMap<>();
        named().query("SELECT " + o.col("customer-id") + ", SUM(" + o.col("received-amount") + "), SUM(" + o.col("signed-amount") + ") FROM "
                + o.table() + " WHERE " + o.col("customer-id") + " IN (:ids) AND " + o.col("planned-receipt-date") + " BETWEEN :from AND :to"
                + " GROUP BY " + o.col("customer-id"), p, rs -> { receipts.put(rs.getLong(1), new BigDecimal[] {rs.getBigDecimal(2), rs.getBigDecimal(3)}); });
        Map<Long, LocalDate> last = latest(tables.get("activity"), "occurred-at", p);
        Map<Long, LocalDate> contract = latest(tables.get("contract"), "end-date", p);
        for (Long id : customerIds) {
            BigDecimal[] r = receipts.get(id);
            out.put(id, new Facts(pipeline.get(id), last.get(id), contract.get(id), r == null ? null : r[0], r == null ? null : r[1]));
        }
        return out;
    }

    private Map<Long, LocalDate> latest(TableMapping t, String column, MapSqlParameterSource p) {
        Map<Long, LocalDate> out = new HashMap<>();
        if (t == null) return out;
        named().query("SELECT " + t.col("customer-id") + ", MAX(" + t.col(column) + ") FROM " + t.table() + " WHERE " + t.col("customer-id")
                + " IN (:ids) GROUP BY " + t.col("customer-id"), p, rs -> {
            Timestamp ts = rs.getTimestamp(2);
            if (ts != null) out.put(rs.getLong(1), ts.toLocalDateTime().toLocalDate());
        });
        return out;
    }

    /** The stored view rows by customer code, by logical column name (customer-view table of mappings/crm.yml); times as Timestamp. */
    public Map<String, Map<String, Object>> find(Collection<String> codes) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (codes.isEmpty()) return out;
        TableMapping v = crm.table("customer-view");
        List<String> logical = new ArrayList<>(v.columns().keySet());
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < logical.size(); i++) sql.append(i == 0 ? "" : ", ").append(v.col(logical.get(i)));
        sql.append(" FROM ").append(v.table()).append(" WHERE ").append(v.col("customer-code")).append(" IN (:codes)");
        named().query(sql.toString(), new MapSqlParameterSource("codes", codes), rs -> {
            Map<String, Object> row = new LinkedHashMap<>();
            java.sql.ResultSetMetaData meta = rs.getMetaData();
            for (int i = 0; i < logical.size(); i++) {
                int type = meta.getColumnType(i + 1);
                // Times read back as they were written (a bound Timestamp): getObject's LocalDateTime skips the driver's
                // time-zone conversion, and would differ from the written value by the JVM's offset to the session's.
                boolean time = type == java.sql.Types.TIMESTAMP || type == java.sql.Types.TIMESTAMP_WITH_TIMEZONE || type == java.sql.Types.DATE;
                row.put(logical.get(i), time ? rs.getTimestamp(i + 1) : rs.getObject(i + 1));
            }
            out.put(String.valueOf(row.get("customer-code")), row);
        });
        return out;
    }

    /**
     * Replaces the view rows of these customers (values by logical column name) in one CRM transaction: DELETE, then
     * bulk inserts ({@link BulkInsert}; the driver's binding of a batch cost more than the rows).
     */
    public void upsert(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) return;
        TableMapping v = crm.table("customer-view");
        List<String> logical = new ArrayList<>(rows.get(0).keySet());
        List<String> columns = logical.stream().map(v::col).toList();
        List<Object[]> args = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            codes.add((String) r.get("customer-code"));
            args.add(logical.stream().map(r::get).toArray());
        }
        crm.transactions().executeWithoutResult(s -> {
            named().update("DELETE FROM " + v.table() + " WHERE " + v.col("customer-code") + " IN (:codes)", new MapSqlParameterSource("codes", codes));
            BulkInsert.into(crm.jdbc(), v.table(), columns).insert(args);
        });
    }
}
