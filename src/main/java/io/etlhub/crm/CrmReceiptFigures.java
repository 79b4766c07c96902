package io.etlhub.crm;

import io.etlhub.connector.TableMapping;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRM side of a receipt reconciliation, read through mappings/crm.yml: the opportunities' receipt
 * figures, their stage on a given day (from the stage history) and the customers. Id lists are read in
 * chunks so the statements stay small whatever the period holds.
 */
@Component
public class CrmReceiptFigures {
    private static final int IN_CHUNK = 500;

    /** An opportunity's receipt figures as the CRM holds them now. */
    public record OpportunityFigures(long id, String number, Long customerId, String stage, String currency,
                                     BigDecimal signed, BigDecimal received, BigDecimal outstanding, String receiptStatus,
                                     LocalDate plannedReceiptDate, LocalDate wonDate) {}

    /** A CRM customer with its ERP code (trimmed) and name. */
    public record Customer(long id, String erpCode, String name) {}

    private final Crm crm;

    CrmReceiptFigures(Crm crm) {
        this.crm = crm;
    }

    /** Opportunities won by {@code end} or with money on them, plus those with the given ids; in CRM order, by id. */
    public Map<Long, OpportunityFigures> opportunities(LocalDate end, Collection<Long> alsoIds) {
        TableMapping t = crm.table("opportunity");
        JdbcTemplate db = crm.jdbc();
        String select = "SELECT " + String.join(", ", t.col("id"), t.col("number"), t.col("customer-id"), t.col("stage"),
                t.col("currency"), t.col("signed-amount"), t.col("received-amount"), t.col("outstanding-amount"),
                t.col("receipt-status"), t.col("planned-receipt-date"), t.col("won-date")) + " FROM " + t.table();
        Map<Long, OpportunityFigures> out = new LinkedHashMap<>();
        db.query(select + " WHERE " + t.col("won-date") + " <= ? OR " + t.col("received-amount") + " <> 0 OR "
                + t.col("outstanding-amount") + " <> 0", rs -> { OpportunityFigures o = figures(rs); out.put(o.id(), o); },
                Date.valueOf(end));
        List<Long> missing = alsoIds.stream().filter(id -> !out.containsKey(id)).distinct().sorted().toList();
        for (int i = 0; i < missing.size(); i += IN_CHUNK) {
            List<Long> chunk = missing.subList(i, Math.min(missing.size(), i + IN_CHUNK));
            db.query(select + " WHERE " + t.col("id") + " IN (" + marks(chunk.size()) + ")",
                    rs -> { OpportunityFigures o = figures(rs); out.put(o.id(), o); }, chunk.toArray());
        }
        return out;
    }

    /**
     * Each opportunity's stage at the start of {@code endExclusive}, from the CRM's stage history: the stage it was
     * changed to last before then, else the stage it was changed from first afterwards. Opportunities without history
     * (or a CRM without a stage-history mapping) are left out: their stage then is their stage now.
     */
    public Map<Long, String> stagesAt(Timestamp endExclusive, Collection<Long> ids) {
        CrmSchema schema = crm.schema();
        if (schema.tables() == null || !schema.tables().containsKey("stage-history") || ids.isEmpty()) return Map.of();
        TableMapping h = schema.table("stage-history");
        JdbcTemplate db = crm.jdbc();
        Map<Long, String> before = new HashMap<>();
        Map<Long, String> after = new HashMap<>();
        List<Long> all = List.copyOf(ids);
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            List<Long> chunk = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
            db.query("SELECT " + String.join(", ", h.col("opportunity-id"), h.col("from-stage"), h.col("to-stage"),
                            h.col("changed-at")) + " FROM " + h.table() + " WHERE " + h.col("opportunity-id") + " IN ("
                            + marks(chunk.size()) + ") ORDER BY " + h.col("opportunity-id") + ", " + h.col("changed-at") + ", " + h.col("id"),
                    rs -> {
                        long id = rs.getLong(1);
                        if (rs.getTimestamp(4).before(endExclusive)) before.put(id, trim(rs.getString(3)));
                        else after.putIfAbsent(id, trim(rs.getString(2)));
                    }, chunk.toArray());
        }
        Map<Long, String> out = new HashMap<>();
        for (Long id : all) {
            if (before.containsKey(id)) out.put(id, before.get(id));
            else if (after.get(id) != null) out.put(id, after.get(id));
        }
        return out;
    }

    /** Every CRM customer by id. */
    public Map<Long, Customer> customers() {
        TableMapping t = crm.table("customer");
        Map<Long, Customer> out = new HashMap<>();
        crm.jdbc().query("SELECT " + t.col("id") + ", " + t.col("erp-code") + ", " + t.col("name") + " FROM " + t.table(),
                rs -> { out.put(rs.getLong(1), new Customer(rs.getLong(1), trim(rs.getString(2)), rs.getString(3))); });
        return out;
    }

    private static OpportunityFigures figures(ResultSet rs) throws SQLException {
        return new OpportunityFigures(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3, Long.class), rs.getString(4),
                trim(rs.getString(5)), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getString(9),
                date(rs.getDate(10)), date(rs.getDate(11)));
    }

    private static String marks(int n) { return String.join(", ", Collections.nCopies(n, "?")); }

    private static String trim(String s) { return s == null ? null : s.trim(); }

    private static LocalDate date(Date d) { return d == null ? null : d.toLocalDate(); }
}
