package io.etlhub.receipts;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.CrmSchema;
import io.etlhub.connector.MappingCatalog;
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
import java.util.List;
import java.util.Map;

/**
 * Opportunities in the CRM, through mappings/crm.yml: looked up by number, and moved by a batch of
 * receipt effects in one CRM transaction that also records the batch in the CRM's apply journal.
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

    public CrmOpportunities(MappingCatalog mappings, ConnectorCatalog connectors) {
        this.crm = mappings.read("crm", CrmSchema.class);
        this.opp = crm.table("opportunity");
        this.journal = crm.table("apply-journal");
        this.jdbc = connectors.jdbc(crm.connector());
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.tx = connectors.transactions(crm.connector());
    }

    public CrmSchema schema() { return crm; }

    public Map<String, Opportunity> findByNumbers(Collection<String> numbers) {
        Map<String, Opportunity> found = new HashMap<>();
        if (numbers.isEmpty()) return found;
        String sql = "SELECT " + opp.col("id") + ", " + opp.col("number") + ", " + opp.col("stage") + ", "
                + opp.col("currency") + ", " + opp.col("signed-amount") + ", " + opp.col("customer-id")
                + " FROM " + opp.table() + " WHERE " + opp.col("number") + " IN (:numbers)";
        named.query(sql, new MapSqlParameterSource("numbers", numbers), rs -> {
            long customer = rs.getLong(6);
            Opportunity o = new Opportunity(rs.getLong(1), rs.getString(2).toUpperCase(), rs.getString(3),
                    rs.getString(4) == null ? null : rs.getString(4).trim(), rs.getBigDecimal(5), rs.wasNull() ? null : customer);
            found.put(o.number(), o);
        });
        return found;
    }

    /**
     * Applies the batch unless the CRM's journal shows it was applied already. Returns false when it
     * had been (a replay after a crash between the CRM commit and the hub's).
     */
    public boolean apply(String batchId, String routeId, List<BatchEffect> effects, LocalDateTime now) {
        Boolean applied = tx.execute(status -> {
            Integer seen = jdbc.queryForObject("SELECT COUNT(*) FROM " + journal.table() + " WHERE "
                    + journal.col("batch-id") + " = ?", Integer.class, batchId);
            if (seen != null && seen > 0) return false;
            Timestamp ts = Timestamp.valueOf(now);
            List<Object[]> rows = new ArrayList<>();
            for (BatchEffect e : effects) {
                rows.add(new Object[] {e.delta(), e.lastReceiptDate() == null ? null : Date.valueOf(e.lastReceiptDate()), ts,
                        e.opportunityId()});
            }
            jdbc.batchUpdate("UPDATE " + opp.table() + " SET " + opp.col("received-amount") + " = "
                    + opp.col("received-amount") + " + ?, " + opp.col("last-receipt-date") + " = ?, "
                    + opp.col("updated-at") + " = ? WHERE " + opp.col("id") + " = ?", rows);
            refreshDerived(effects.stream().map(BatchEffect::opportunityId).toList());
            jdbc.update("INSERT INTO " + journal.table() + " (" + journal.col("batch-id") + ", " + journal.col("route-id")
                    + ", " + journal.col("applied-at") + ") VALUES (?, ?, ?)", batchId, routeId, ts);
            return true;
        });
        return Boolean.TRUE.equals(applied);
    }

    /** Outstanding and receipt status follow from signed and received (read back inside the same transaction). */
    private void refreshDerived(List<Long> ids) {
        String select = "SELECT " + opp.col("id") + ", " + opp.col("signed-amount") + ", " + opp.col("received-amount")
                + " FROM " + opp.table() + " WHERE " + opp.col("id") + " IN (:ids)";
        List<Object[]> rows = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            named.query(select, new MapSqlParameterSource("ids", ids.subList(from, Math.min(ids.size(), from + 1000))), rs -> {
                BigDecimal signed = rs.getBigDecimal(2);
                BigDecimal received = rs.getBigDecimal(3);
                BigDecimal outstanding = (signed == null ? BigDecimal.ZERO : signed).subtract(received == null ? BigDecimal.ZERO : received);
                rows.add(new Object[] {outstanding, crm.statusValue(ReceiptStatus.of(signed, received).key()), rs.getLong(1)});
            });
        }
        jdbc.batchUpdate("UPDATE " + opp.table() + " SET " + opp.col("outstanding-amount") + " = ?, " + opp.col("receipt-status")
                + " = ? WHERE " + opp.col("id") + " = ?", rows);
    }
}
