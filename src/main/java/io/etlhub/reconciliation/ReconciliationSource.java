package io.etlhub.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.CrmSchema;
import io.etlhub.connector.MappingCatalog;
import io.etlhub.connector.TableMapping;
import io.etlhub.pipeline.RouteCatalog;
import io.etlhub.pipeline.RouteDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what a reconciliation needs: the hub's receipt ledger and events for the period (sums pushed
 * down to the database) and the CRM's customers and opportunities, by the names in mappings/crm.yml.
 */
@Component
class ReconciliationSource {
    private static final String LIVE = "('APPLIED', 'UNMATCHED', 'DISMISSED')";
    private static final int IN_CHUNK = 500;

    private final JdbcTemplate hub;
    private final ConnectorCatalog connectors;
    private final MappingCatalog mappings;
    /** Lazily: the route catalog needs the route jobs, and this feeds one of them. */
    private final ObjectProvider<RouteCatalog> routes;

    ReconciliationSource(JdbcTemplate hub, ConnectorCatalog connectors, MappingCatalog mappings, ObjectProvider<RouteCatalog> routes) {
        this.hub = hub;
        this.connectors = connectors;
        this.mappings = mappings;
        this.routes = routes;
    }

    SourceData load(Period period) {
        CrmSchema crm = mappings.read("crm", CrmSchema.class);
        JdbcTemplate crmDb = connectors.jdbc(crm.connector());
        Map<String, Map<String, String>> currencyCodes = new HashMap<>();
        List<SourceData.LedgerRow> ledger = hub.query("SELECT source_system, document_id, route_id, document_no, document_date, "
                        + "customer_code, currency, exchange_rate, amount, local_amount, memo, state, reason, opportunity_id, "
                        + "opportunity_no, applied_amount FROM receipt_ledger WHERE document_date BETWEEN ? AND ? "
                        + "ORDER BY document_date, source_system, document_id",
                (rs, i) -> ledgerRow(rs, currencyCodes), Date.valueOf(period.from()), Date.valueOf(period.to()));
        Map<Long, SourceData.LedgerSums> sums = new HashMap<>();
        hub.query("SELECT opportunity_id, SUM(applied_amount) applied, "
                        + "SUM(CASE WHEN document_date > ? THEN applied_amount ELSE 0 END) after_period, COUNT(*) documents "
                        + "FROM receipt_ledger WHERE state = 'APPLIED' AND opportunity_id IS NOT NULL GROUP BY opportunity_id",
                rs -> { sums.put(rs.getLong(1), new SourceData.LedgerSums(rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getLong(4))); },
                Date.valueOf(period.to()));
        List<SourceData.EventRow> events = hub.query("SELECT e.source_system, e.document_id, l.document_no, l.customer_code, "
                        + "e.action, e.opportunity_id, e.amount_delta, e.reason FROM receipt_event e JOIN receipt_ledger l "
                        + "ON l.source_system = e.source_system AND l.document_id = e.document_id "
                        + "WHERE l.document_date BETWEEN ? AND ? AND (e.action = 'DELTA' OR (e.action = 'REVERSE' AND e.reason IN ('DELETED', 'UNAUDITED'))) "
                        + "ORDER BY e.id",
                (rs, i) -> new SourceData.EventRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), (Long) rs.getObject(6, Long.class), rs.getBigDecimal(7), rs.getString(8)),
                Date.valueOf(period.from()), Date.valueOf(period.to()));
        SourceData.ControlFigures control = hub.queryForObject("SELECT COUNT(*), COALESCE(SUM(local_amount), 0) FROM receipt_ledger "
                        + "WHERE document_date BETWEEN ? AND ? AND state IN " + LIVE,
                (rs, i) -> new SourceData.ControlFigures(rs.getLong(1), rs.getBigDecimal(2)),
                Date.valueOf(period.from()), Date.valueOf(period.to()));

        Set<Long> wanted = new java.util.HashSet<>(sums.keySet());
        ledger.forEach(r -> { if (r.opportunityId() != null) wanted.add(r.opportunityId()); });
        events.forEach(e -> { if (e.opportunityId() != null) wanted.add(e.opportunityId()); });
        Map<Long, SourceData.Opp> opps = opportunities(crm, crmDb, period, wanted);
        return new SourceData(period, ledger, sums, events, opps, customers(crm, crmDb), control, crm.statusValue("paid"),
                crm.noReceiptStages() == null ? List.of() : crm.noReceiptStages());
    }

    /** Opportunities won by the period end or with money on them, plus any the ledger names. */
    private Map<Long, SourceData.Opp> opportunities(CrmSchema crm, JdbcTemplate db, Period period, Set<Long> wanted) {
        TableMapping t = crm.table("opportunity");
        String select = "SELECT " + String.join(", ", t.col("id"), t.col("number"), t.col("customer-id"), t.col("stage"),
                t.col("currency"), t.col("signed-amount"), t.col("received-amount"), t.col("outstanding-amount"),
                t.col("receipt-status"), t.col("planned-receipt-date"), t.col("won-date")) + " FROM " + t.table();
        Map<Long, SourceData.Opp> out = new LinkedHashMap<>();
        db.query(select + " WHERE " + t.col("won-date") + " <= ? OR " + t.col("received-amount") + " <> 0 OR "
                + t.col("outstanding-amount") + " <> 0", rs -> { SourceData.Opp o = opp(rs); out.put(o.id(), o); },
                Date.valueOf(period.to()));
        List<Long> missing = wanted.stream().filter(id -> !out.containsKey(id)).sorted().toList();
        for (int i = 0; i < missing.size(); i += IN_CHUNK) {
            List<Long> chunk = missing.subList(i, Math.min(missing.size(), i + IN_CHUNK));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            db.query(select + " WHERE " + t.col("id") + " IN (" + marks + ")",
                    rs -> { SourceData.Opp o = opp(rs); out.put(o.id(), o); }, chunk.toArray());
        }
        return out;
    }

    private static SourceData.Opp opp(ResultSet rs) throws SQLException {
        return new SourceData.Opp(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3, Long.class), rs.getString(4),
                trim(rs.getString(5)), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getString(9),
                date(rs.getDate(10)), date(rs.getDate(11)));
    }

    private Map<Long, SourceData.Customer> customers(CrmSchema crm, JdbcTemplate db) {
        TableMapping t = crm.table("customer");
        Map<Long, SourceData.Customer> out = new HashMap<>();
        db.query("SELECT " + t.col("id") + ", " + t.col("erp-code") + ", " + t.col("name") + " FROM " + t.table(),
                rs -> { out.put(rs.getLong(1), new SourceData.Customer(rs.getLong(1), trim(rs.getString(2)), rs.getString(3))); });
        return out;
    }

    /** A ledger row, its raw ERP currency text mapped to ISO with the currency-codes of its route's source mapping. */
    private SourceData.LedgerRow ledgerRow(ResultSet rs, Map<String, Map<String, String>> currencyCodes) throws SQLException {
        String routeId = rs.getString(3);
        String currency = rs.getString(7);
        Map<String, String> codes = currencyCodes.computeIfAbsent(routeId, this::currencyCodes);
        String trimmed = currency == null ? null : currency.trim();
        String iso = trimmed == null ? null : codes.getOrDefault(trimmed, trimmed.matches("[A-Z]{3}") ? trimmed : null);
        return new SourceData.LedgerRow(rs.getString(1), rs.getString(2), routeId, rs.getString(4), date(rs.getDate(5)),
                trim(rs.getString(6)), currency, iso, rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10),
                rs.getString(11), rs.getString(12), rs.getString(13), (Long) rs.getObject(14, Long.class), rs.getString(15),
                rs.getBigDecimal(16));
    }

    private Map<String, String> currencyCodes(String routeId) {
        RouteDefinition route = routes.getObject().all().stream().filter(r -> r.id().equals(routeId)).findFirst().orElse(null);
        if (route == null || route.source() == null || route.source().mapping() == null) return Map.of();
        JsonNode codes = mappings.tree(route.source().mapping()).get("currency-codes");
        if (codes == null) return Map.of();
        Map<String, String> out = new HashMap<>();
        codes.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static String trim(String s) { return s == null ? null : s.trim(); }

    private static LocalDate date(Date d) { return d == null ? null : d.toLocalDate(); }
}
