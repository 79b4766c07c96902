package io.etlhub.crm;

import io.etlhub.connector.Blanks;
import io.etlhub.connector.TableMapping;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CRM customers by their ERP code, for finance's pages: the name behind a receipt's customer code, the customer's
 * open opportunities (to assign a receipt to without typing a number), and an opportunity's customer. Reads
 * mappings/crm.yml through {@link Crm} on every call, so a changed mapping applies at once; without a customer
 * erp-code mapping there is nothing to find (empty answers).
 */
@Component
public class CrmCustomers {
    /** An opportunity that can still take a receipt: its stage is not one of the no-receipt stages. */
    public record OpenOpportunity(String customerCode, String number, String name, String stage, String currency,
                                  BigDecimal signedAmount, BigDecimal outstandingAmount) {}

    /** The CRM customer of an opportunity (code null when it has none). */
    public record Customer(String erpCode, String name) {}

    private final Crm crm;

    CrmCustomers(Crm crm) {
        this.crm = crm;
    }

    /** Names by ERP code, for the codes the CRM knows. */
    public Map<String, String> namesByCode(Collection<String> erpCodes) {
        TableMapping customer = customerTable();
        Set<String> codes = new java.util.TreeSet<>();
        erpCodes.forEach(c -> { if (c != null && !c.isBlank()) codes.add(c.trim()); });
        Map<String, String> out = new HashMap<>();
        if (customer == null || codes.isEmpty()) return out;
        named().query("SELECT " + customer.col("erp-code") + ", " + customer.col("name") + " FROM " + customer.table()
                        + " WHERE " + customer.col("erp-code") + " IN (:codes)", new MapSqlParameterSource("codes", codes),
                rs -> { out.put(Blanks.trimToNull(rs.getString(1)), rs.getString(2)); });
        return out;
    }

    /**
     * The open opportunities of each customer (by ERP code): stage not among the no-receipt stages, most outstanding
     * first, at most {@code perCustomer} each.
     */
    public Map<String, List<OpenOpportunity>> openOpportunities(Collection<String> erpCodes, int perCustomer) {
        TableMapping customer = customerTable();
        CrmSchema schema = crm.schema();
        TableMapping opp = schema.table("opportunity");
        Set<String> codes = new java.util.TreeSet<>();
        erpCodes.forEach(c -> { if (c != null && !c.isBlank()) codes.add(c.trim()); });
        Map<String, List<OpenOpportunity>> out = new LinkedHashMap<>();
        if (customer == null || codes.isEmpty()) return out;
        List<String> closed = schema.noReceiptStages() == null ? List.of() : schema.noReceiptStages();
        MapSqlParameterSource args = new MapSqlParameterSource("codes", codes);
        String notClosed = "";
        if (!closed.isEmpty()) {
            notClosed = " AND o." + opp.col("stage") + " NOT IN (:closed)";
            args.addValue("closed", closed);
        }
        named().query("SELECT c." + customer.col("erp-code") + ", o." + opp.col("number") + ", " + (opp.has("name") ? "o." + opp.col("name") : "NULL") + ", o."
                        + opp.col("stage") + ", o." + opp.col("currency") + ", o." + opp.col("signed-amount") + ", o."
                        + opp.col("outstanding-amount") + " FROM " + opp.table() + " o JOIN " + customer.table() + " c ON c."
                        + customer.col("id") + " = o." + opp.col("customer-id") + " WHERE c." + customer.col("erp-code")
                        + " IN (:codes)" + notClosed + " ORDER BY o." + opp.col("outstanding-amount") + " DESC, o." + opp.col("number"),
                args, rs -> {
                    String code = Blanks.trimToNull(rs.getString(1));
                    List<OpenOpportunity> list = out.computeIfAbsent(code, k -> new ArrayList<>());
                    if (list.size() < perCustomer) {
                        list.add(new OpenOpportunity(code, rs.getString(2), rs.getString(3), rs.getString(4),
                                Blanks.trimToNull(rs.getString(5)), rs.getBigDecimal(6), rs.getBigDecimal(7)));
                    }
                });
        return out;
    }

    /** The customer of the opportunity with this number, or null when there is no such opportunity. */
    public Customer ofOpportunity(String number) {
        TableMapping customer = customerTable();
        TableMapping opp = crm.schema().table("opportunity");
        if (customer == null) return null;
        List<Customer> found = named().query("SELECT c." + customer.col("erp-code") + ", c." + customer.col("name") + " FROM "
                        + opp.table() + " o LEFT JOIN " + customer.table() + " c ON c." + customer.col("id") + " = o."
                        + opp.col("customer-id") + " WHERE o." + opp.col("number") + " = :number",
                new MapSqlParameterSource("number", number),
                (rs, i) -> new Customer(Blanks.trimToNull(rs.getString(1)), rs.getString(2)));
        return found.isEmpty() ? null : found.get(0);
    }

    private TableMapping customerTable() {
        CrmSchema schema = crm.schema();
        TableMapping customer = schema.tables() == null ? null : schema.tables().get("customer");
        return customer != null && customer.has("id") && customer.has("erp-code") && customer.has("name") ? customer : null;
    }

    private NamedParameterJdbcTemplate named() {
        return new NamedParameterJdbcTemplate(crm.jdbc());
    }
}
