package io.etlhub.crm;

import io.etlhub.connector.Dialect;
import io.etlhub.connector.RowBatches;
import io.etlhub.connector.TableMapping;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Date;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The data-health reads of CRM opportunities (mappings/crm.yml table opportunity): overdue receipts (planned receipt
 * date passed, nothing received, stage not one of no-receipt-stages) and the owners of opportunities.
 */
public final class CrmOpportunityChecks {
    private final JdbcTemplate crm;
    private final Dialect dialect;
    private final CrmSchema schema;

    CrmOpportunityChecks(JdbcTemplate crm, Dialect dialect, CrmSchema schema) {
        this.crm = crm;
        this.dialect = dialect;
        this.schema = schema;
    }

    private String overdueFrom() {
        TableMapping o = schema.table("opportunity");
        List<String> noReceipt = schema.noReceiptStages();
        return " FROM " + o.table() + " WHERE " + o.col("planned-receipt-date") + " < ? AND (" + o.col("received-amount")
                + " IS NULL OR " + o.col("received-amount") + " = 0)" + (noReceipt == null || noReceipt.isEmpty() ? ""
                : " AND " + o.col("stage") + " NOT IN " + noReceipt.stream().map(s -> "'" + s.replace("'", "''") + "'")
                .collect(Collectors.joining(", ", "(", ")")));
    }

    /** Opportunities overdue on {@code end}. */
    public long overdueCount(Date end) {
        Long count = crm.queryForObject("SELECT COUNT(*)" + overdueFrom(), Long.class, end);
        return count == null ? 0 : count;
    }

    /**
     * Opportunities overdue on {@code end}, worst owner first, at most {@code limit}: record_id, record_no, owner,
     * since (planned receipt date), signed_amount, currency.
     */
    public <T> List<T> overdue(Date end, int limit, RowMapper<T> row) {
        TableMapping o = schema.table("opportunity");
        String sql = "SELECT " + o.col("id") + " AS record_id, " + o.col("number") + " AS record_no, " + o.col("owner")
                + " AS owner, " + o.col("planned-receipt-date") + " AS since, " + o.col("signed-amount") + " AS signed_amount, "
                + o.col("currency") + " AS currency" + overdueFrom();
        return crm.query(RankedFindings.byOwner(sql, dialect, limit), row, end);
    }

    /** The owner of each opportunity (by id), read in chunks. */
    public Map<Long, String> owners(Collection<Long> ids) {
        TableMapping o = schema.table("opportunity");
        Map<Long, String> owners = new HashMap<>();
        for (List<Long> chunk : RowBatches.chunks(List.copyOf(ids), RowBatches.IN_LIST)) {
            crm.query("SELECT " + o.col("id") + " AS id, " + o.col("owner") + " AS owner FROM " + o.table() + " WHERE " + o.col("id")
                    + " IN (" + RowBatches.marks(chunk.size()) + ")", rs -> { owners.put(rs.getLong("id"), rs.getString("owner")); }, chunk.toArray());
        }
        return owners;
    }
}
