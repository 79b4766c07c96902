package io.etlhub.crm;

import io.etlhub.connector.Blanks;
import io.etlhub.connector.Dialect;
import io.etlhub.connector.TableMapping;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

/**
 * The data-health checks on the customers that existed at a moment, counted in the CRM (mappings/crm.yml tables
 * customer and customer-change-log): field edits in a window, and blank core fields (as the CRM holds them now).
 */
public final class CrmCustomerChecks {
    private final JdbcTemplate crm;
    private final Dialect dialect;
    private final TableMapping customer;
    private final TableMapping changes;

    CrmCustomerChecks(JdbcTemplate crm, Dialect dialect, TableMapping customer, TableMapping changes) {
        this.crm = crm;
        this.dialect = dialect;
        this.customer = customer;
        this.changes = changes;
    }

    /** customers: created before {@code end}; edits: change-log rows in [windowStart, end). */
    public Map<String, Object> editCounts(Timestamp windowStart, Timestamp end) {
        String changedAt = changes.col("changed-at");
        return crm.queryForMap("SELECT (SELECT COUNT(*) FROM " + customer.table() + " WHERE "
                + customer.col("created-at") + " < ?) AS customers, (SELECT COUNT(*) FROM " + changes.table() + " WHERE "
                + changedAt + " >= ? AND " + changedAt + " < ?) AS edits", end, windowStart, end);
    }

    /**
     * Customers created before {@code end} not edited in [windowStart, end), worst owner first, at most {@code limit}:
     * record_id, record_no (name), owner, since (last edit before the end, else created).
     */
    public <T> List<T> notEdited(Timestamp windowStart, Timestamp end, int limit, RowMapper<T> row) {
        String changedAt = changes.col("changed-at");
        String id = "c." + customer.col("id");
        String lastEdit = "(SELECT MAX(x." + changedAt + ") FROM " + changes.table() + " x WHERE x." + changes.col("customer-id")
                + " = " + id + " AND x." + changedAt + " < ?)";
        String sql = "SELECT " + id + " AS record_id, c." + customer.col("name") + " AS record_no, c." + customer.col("owner")
                + " AS owner, COALESCE(" + lastEdit + ", c." + customer.col("created-at") + ") AS since FROM " + customer.table()
                + " c WHERE c." + customer.col("created-at") + " < ? AND NOT EXISTS (SELECT 1 FROM " + changes.table() + " y WHERE y."
                + changes.col("customer-id") + " = " + id + " AND y." + changedAt + " >= ? AND y." + changedAt + " < ?)";
        return crm.query(RankedFindings.byOwner(sql, dialect, limit), row, end, end, windowStart, end);
    }

    private List<String> blanks(List<String> fields) {
        Blanks.Sql blank = Blanks.sql(dialect);
        return fields.stream().map(f -> blank.blank("c." + customer.col(f))).toList();
    }

    /** customers: created before {@code end}; complete: those with none of the fields (logical names) blank. */
    public Map<String, Object> completeCounts(List<String> fields, Timestamp end) {
        String anyBlank = String.join(" OR ", blanks(fields));
        return crm.queryForMap("SELECT COUNT(*) AS customers, SUM(CASE WHEN " + anyBlank
                + " THEN 0 ELSE 1 END) AS complete FROM " + customer.table() + " c WHERE c." + customer.col("created-at") + " < ?", end);
    }

    /**
     * Customers created before {@code end} with a blank field, worst owner first, at most {@code limit}: record_id,
     * record_no (name), owner, since (created), and blank0.. (1 when the field at that position is blank).
     */
    public <T> List<T> incomplete(List<String> fields, Timestamp end, int limit, RowMapper<T> row) {
        List<String> blanks = blanks(fields);
        String created = "c." + customer.col("created-at");
        StringBuilder flags = new StringBuilder();
        for (int i = 0; i < blanks.size(); i++) {
            flags.append(", CASE WHEN ").append(blanks.get(i)).append(" THEN 1 ELSE 0 END AS blank").append(i);
        }
        String sql = "SELECT c." + customer.col("id") + " AS record_id, c." + customer.col("name") + " AS record_no, c."
                + customer.col("owner") + " AS owner, " + created + " AS since" + flags + " FROM " + customer.table() + " c WHERE "
                + created + " < ? AND (" + String.join(" OR ", blanks) + ")";
        return crm.query(RankedFindings.byOwner(sql, dialect, limit), row, end);
    }
}
