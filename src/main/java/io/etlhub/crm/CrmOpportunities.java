package io.etlhub.crm;

import io.etlhub.connector.Blanks;
import io.etlhub.connector.Dialect;
import io.etlhub.connector.TableMapping;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Opportunities in the CRM, through mappings/crm.yml: looked up by number, and moved by a batch of
 * receipt effects (of one or many batches) in one CRM transaction that also records the batches in the
 * CRM's apply journal.
 */
@Component
public class CrmOpportunities {
    /** What one batch does to one opportunity. */
    public record BatchEffect(long opportunityId, BigDecimal delta, LocalDate lastReceiptDate) {}

    private final CrmSchema crm;
    private final TableMapping opp;
    private final TableMapping journal;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate tx;
    private final boolean mysql;

    public CrmOpportunities(Crm access) {
        this.crm = access.schema();
        this.opp = crm.table("opportunity");
        this.journal = crm.table("apply-journal");
        this.jdbc = access.jdbc();
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.tx = access.transactions();
        this.mysql = access.dialect() == Dialect.MYSQL;
    }

    public CrmSchema schema() { return crm; }

    /** Opportunities by number, each with its CRM customer's ERP code when mappings/crm.yml maps one. */
    public Map<String, Opportunity> findByNumbers(Collection<String> numbers) {
        Map<String, Opportunity> found = new HashMap<>();
        if (numbers.isEmpty()) return found;
        TableMapping customer = crm.tables() == null ? null : crm.tables().get("customer");
        boolean codes = customer != null && customer.has("id") && customer.has("erp-code");
        String sql = "SELECT o." + opp.col("id") + ", o." + opp.col("number") + ", o." + opp.col("stage") + ", o."
                + opp.col("currency") + ", o." + opp.col("signed-amount") + ", o." + opp.col("customer-id") + ", "
                + (codes ? "c." + customer.col("erp-code") : "NULL") + " FROM " + opp.table() + " o"
                + (codes ? " LEFT JOIN " + customer.table() + " c ON c." + customer.col("id") + " = o." + opp.col("customer-id") : "")
                + " WHERE o." + opp.col("number") + " IN (:numbers)";
        named.query(sql, new MapSqlParameterSource("numbers", numbers), rs -> {
            long customerId = rs.getLong(6);
            Long customerRef = rs.wasNull() ? null : customerId;
            Opportunity o = new Opportunity(rs.getLong(1), rs.getString(2).toUpperCase(), rs.getString(3),
                    rs.getString(4) == null ? null : rs.getString(4).trim(), rs.getBigDecimal(5), customerRef,
                    Blanks.trimToNull(rs.getString(7)));
            found.put(o.number(), o);
        });
        return found;
    }

    /** The opportunity's receipt fields as the CRM shows them now, by logical name; empty when there is none. */
    public Map<String, Object> receiptView(String number) {
        String sql = "SELECT " + opp.col("id") + " AS id, " + opp.col("number") + " AS number, " + opp.col("stage") + " AS stage, "
                + opp.col("currency") + " AS currency, " + opp.col("signed-amount") + " AS signed_amount, "
                + opp.col("received-amount") + " AS received_amount, " + opp.col("outstanding-amount") + " AS outstanding_amount, "
                + opp.col("last-receipt-date") + " AS last_receipt_date, " + opp.col("receipt-status") + " AS receipt_status"
                + " FROM " + opp.table() + " WHERE " + opp.col("number") + " = ?";
        List<Map<String, Object>> rows = jdbc.queryForList(sql, number);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    /**
     * Applies the batches the CRM's journal does not list yet, in one CRM transaction: their effects
     * summed per opportunity ({@code effectsOf} is given the ids not applied yet) and one journal row per
     * batch id. Batches already in the journal (a replay after a crash between the CRM commit and the
     * hub's) are skipped. Returns how many batches were applied now.
     */
    public int apply(List<String> batchIds, String routeId, Function<List<String>, List<BatchEffect>> effectsOf,
                     LocalDateTime now) {
        Integer applied = tx.execute(status -> {
            Set<String> seen = new HashSet<>();
            for (int from = 0; from < batchIds.size(); from += 1000) {
                seen.addAll(named.queryForList("SELECT " + journal.col("batch-id") + " FROM " + journal.table() + " WHERE "
                        + journal.col("batch-id") + " IN (:ids)",
                        new MapSqlParameterSource("ids", batchIds.subList(from, Math.min(batchIds.size(), from + 1000))), String.class));
            }
            List<String> unseen = batchIds.stream().filter(id -> !seen.contains(id)).toList();
            if (unseen.isEmpty()) return 0;
            Timestamp ts = Timestamp.valueOf(now);
            write(newValues(effectsOf.apply(unseen), ts));
            List<Object[]> journalRows = new ArrayList<>(unseen.size());
            unseen.forEach(id -> journalRows.add(new Object[] {id, routeId, ts}));
            jdbc.batchUpdate("INSERT INTO " + journal.table() + " (" + journal.col("batch-id") + ", " + journal.col("route-id")
                    + ", " + journal.col("applied-at") + ") VALUES (?, ?, ?)", journalRows);
            return unseen.size();
        });
        return applied == null ? 0 : applied;
    }

    /** rows: received, outstanding, status, last receipt date, updated at, id. */
    private void write(List<Object[]> rows) {
        if (!mysql) {
            jdbc.batchUpdate("UPDATE " + opp.table() + " SET " + opp.col("received-amount") + " = ?, "
                    + opp.col("outstanding-amount") + " = ?, " + opp.col("receipt-status") + " = ?, "
                    + opp.col("last-receipt-date") + " = ?, " + opp.col("updated-at") + " = ? WHERE " + opp.col("id") + " = ?", rows);
            return;
        }
        // MySQL/MariaDB: one set-based UPDATE per 500 opportunities instead of one statement each.
        for (int from = 0; from < rows.size(); from += 500) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + 500));
            StringBuilder values = new StringBuilder();
            List<Object> args = new ArrayList<>(chunk.size() * 6);
            for (Object[] r : chunk) {
                values.append(values.length() == 0
                        ? "SELECT ? AS id, ? AS received, ? AS outstanding, ? AS status, ? AS last_date, ? AS updated"
                        : " UNION ALL SELECT ?, ?, ?, ?, ?, ?");
                args.addAll(List.of(r[5], r[0], r[1], r[2]));
                args.add(r[3]);
                args.add(r[4]);
            }
            jdbc.update("UPDATE " + opp.table() + " o JOIN (" + values + ") v ON o." + opp.col("id") + " = v.id SET o."
                    + opp.col("received-amount") + " = v.received, o." + opp.col("outstanding-amount") + " = v.outstanding, o."
                    + opp.col("receipt-status") + " = v.status, o." + opp.col("last-receipt-date") + " = v.last_date, o."
                    + opp.col("updated-at") + " = v.updated", args.toArray());
        }
    }

    /**
     * Locks the opportunities (in id order, so concurrent batches cannot deadlock), reads signed and
     * received, and computes each one's new received, outstanding, status and last receipt date.
     */
    private List<Object[]> newValues(List<BatchEffect> effects, Timestamp now) {
        Map<Long, BatchEffect> byId = new HashMap<>();
        effects.forEach(e -> byId.put(e.opportunityId(), e));
        List<Long> ids = byId.keySet().stream().sorted().toList();
        String select = "SELECT " + opp.col("id") + ", " + opp.col("signed-amount") + ", " + opp.col("received-amount")
                + " FROM " + opp.table() + " WHERE " + opp.col("id") + " IN (:ids) ORDER BY " + opp.col("id") + " FOR UPDATE";
        List<Object[]> rows = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += 1000) {
            named.query(select, new MapSqlParameterSource("ids", ids.subList(from, Math.min(ids.size(), from + 1000))), rs -> {
                BatchEffect e = byId.get(rs.getLong(1));
                BigDecimal signed = zeroIfNull(rs.getBigDecimal(2));
                BigDecimal received = zeroIfNull(rs.getBigDecimal(3)).add(e.delta());
                rows.add(new Object[] {received, signed.subtract(received), crm.statusValue(ReceiptStatus.of(signed, received).key()),
                        e.lastReceiptDate() == null ? null : Date.valueOf(e.lastReceiptDate()), now, e.opportunityId()});
            });
        }
        if (rows.size() != ids.size()) {
            // Never drop money silently: the batch stays PENDING until the opportunity is back or reassigned.
            java.util.Set<Long> missing = new java.util.TreeSet<>(ids);
            rows.forEach(r -> missing.remove((Long) r[5]));
            throw new IllegalStateException("opportunities " + missing + " of this batch no longer exist in the CRM table "
                    + opp.table() + "; restore them or reassign their receipts, then run the route again");
        }
        return rows;
    }

    private static BigDecimal zeroIfNull(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
