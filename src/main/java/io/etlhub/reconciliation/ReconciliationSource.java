package io.etlhub.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import io.etlhub.connector.MappingCatalog;
import io.etlhub.crm.Crm;
import io.etlhub.crm.CrmReceiptFigures;
import io.etlhub.crm.CrmSchema;
import io.etlhub.pipeline.RouteCatalog;
import io.etlhub.pipeline.RouteDefinition;
import io.etlhub.receipts.OpportunityNumberMatcher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what a reconciliation needs: the hub's receipt ledger and events for the period (sums pushed
 * down to the database) and, through the crm module, the CRM's customers and opportunities.
 */
@Component
class ReconciliationSource {
    private static final String LIVE = "('APPLIED', 'UNMATCHED', 'DISMISSED')";

    private final JdbcTemplate hub;
    private final Crm crmAccess;
    private final CrmReceiptFigures figures;
    private final MappingCatalog mappings;
    /** Lazily: the route catalog needs the route jobs, and this feeds one of them. */
    private final ObjectProvider<RouteCatalog> routes;

    ReconciliationSource(JdbcTemplate hub, Crm crmAccess, CrmReceiptFigures figures, MappingCatalog mappings,
                         ObjectProvider<RouteCatalog> routes) {
        this.hub = hub;
        this.crmAccess = crmAccess;
        this.figures = figures;
        this.mappings = mappings;
        this.routes = routes;
    }

    SourceData load(Period period) {
        CrmSchema crm = crmAccess.schema();
        Map<String, Map<String, String>> currencyCodes = new HashMap<>();
        OpportunityNumberMatcher numbers = new OpportunityNumberMatcher(crm.opportunityNumber().pattern(),
                crm.opportunityNumber().labels());
        List<SourceData.LedgerRow> ledger = hub.query("SELECT source_system, document_id, route_id, document_no, document_date, "
                        + "customer_code, currency, exchange_rate, amount, local_amount, memo, state, reason, opportunity_id, "
                        + "opportunity_no, applied_amount, manual_opportunity_no FROM receipt_ledger WHERE document_date BETWEEN ? AND ? "
                        + "ORDER BY document_date, source_system, document_id",
                (rs, i) -> ledgerRow(rs, currencyCodes, numbers), Date.valueOf(period.from()), Date.valueOf(period.to()));
        Map<Long, SourceData.LedgerSums> sums = new HashMap<>();
        hub.query("SELECT opportunity_id, SUM(applied_amount) applied, "
                        + "SUM(CASE WHEN document_date > ? THEN applied_amount ELSE 0 END) after_period, COUNT(*) documents, "
                        + "SUM(CASE WHEN document_date <= ? THEN 1 ELSE 0 END) by_end "
                        + "FROM receipt_ledger WHERE state = 'APPLIED' AND opportunity_id IS NOT NULL GROUP BY opportunity_id",
                rs -> { sums.put(rs.getLong(1), new SourceData.LedgerSums(rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getLong(4),
                        rs.getLong(5))); },
                Date.valueOf(period.to()), Date.valueOf(period.to()));
        appliedDocumentsByEnd(period, sums);
        List<SourceData.EventRow> events = hub.query("SELECT e.source_system, e.document_id, l.document_no, l.customer_code, "
                        + "e.action, e.opportunity_id, e.amount_delta, e.reason, l.opportunity_no FROM receipt_event e JOIN receipt_ledger l "
                        + "ON l.source_system = e.source_system AND l.document_id = e.document_id "
                        + "WHERE l.document_date BETWEEN ? AND ? AND (e.action = 'DELTA' OR (e.action = 'REVERSE' AND e.reason IN ('DELETED', 'UNAUDITED'))) "
                        + "ORDER BY e.id",
                (rs, i) -> new SourceData.EventRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), (Long) rs.getObject(6, Long.class), rs.getBigDecimal(7), rs.getString(8), rs.getString(9)),
                Date.valueOf(period.from()), Date.valueOf(period.to()));
        SourceData.ControlFigures control = controlFigures(period, currencyCodes);
        Set<Long> wanted = new java.util.HashSet<>(sums.keySet());
        ledger.forEach(r -> { if (r.opportunityId() != null) wanted.add(r.opportunityId()); });
        events.forEach(e -> { if (e.opportunityId() != null) wanted.add(e.opportunityId()); });
        Map<Long, SourceData.Opp> opps = new LinkedHashMap<>();
        figures.opportunities(period.to(), wanted).forEach((id, o) -> opps.put(id, opp(o)));
        return new SourceData(period, ledger, sums, events, withStagesAtEnd(period, opps), customers(), control, crm.statusValue("paid"),
                crm.noReceiptStages() == null ? List.of() : crm.noReceiptStages());
    }

    /**
     * The applied documents (system, number) of each opportunity dated up to the period end, the first
     * {@link SourceData.LedgerSums#NAMED} by date: an opportunity's difference (partial payment, CRM edited) names them.
     */
    private void appliedDocumentsByEnd(Period period, Map<Long, SourceData.LedgerSums> sums) {
        Map<Long, List<String>> systems = new HashMap<>();
        Map<Long, List<String>> numbers = new HashMap<>();
        hub.query("SELECT opportunity_id, source_system, document_no FROM receipt_ledger WHERE state = 'APPLIED' "
                        + "AND opportunity_id IS NOT NULL AND document_date <= ? ORDER BY opportunity_id, document_date, document_no",
                rs -> {
                    List<String> nos = numbers.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>());
                    if (nos.size() >= SourceData.LedgerSums.NAMED) return;
                    nos.add(rs.getString(3));
                    systems.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>()).add(rs.getString(2));
                }, Date.valueOf(period.to()));
        numbers.forEach((id, nos) -> sums.computeIfPresent(id, (k, s) -> s.withDocuments(systems.get(id), nos)));
    }

    /**
     * Live documents dated in the period: their count, the report-currency sum of the valid ones, and the invalid ones
     * (no local amount: exchange rate 0 or empty, no amount) per original currency, mapped to ISO.
     */
    private SourceData.ControlFigures controlFigures(Period period, Map<String, Map<String, String>> currencyCodes) {
        Object[] dates = {Date.valueOf(period.from()), Date.valueOf(period.to())};
        String invalid = "(local_amount IS NULL OR reason = 'INVALID_DOCUMENT')";
        Map<String, long[]> counts = new java.util.TreeMap<>();
        Map<String, BigDecimal> sums = new HashMap<>();
        hub.query("SELECT route_id, currency, COUNT(*), SUM(amount) FROM receipt_ledger WHERE document_date BETWEEN ? AND ? "
                        + "AND state IN " + LIVE + " AND " + invalid + " GROUP BY route_id, currency",
                rs -> {
                    String iso = isoCurrency(rs.getString(2), currencyCodes.computeIfAbsent(rs.getString(1), this::currencyCodes));
                    String key = iso != null ? iso : String.valueOf(rs.getString(2));
                    counts.computeIfAbsent(key, k -> new long[1])[0] += rs.getLong(3);
                    sums.merge(key, rs.getBigDecimal(4) == null ? BigDecimal.ZERO : rs.getBigDecimal(4), BigDecimal::add);
                }, dates);
        List<SourceData.InvalidAmount> invalidAmounts = counts.entrySet().stream()
                .map(e -> new SourceData.InvalidAmount(e.getKey(), e.getValue()[0], Money.of(sums.get(e.getKey())))).toList();
        return hub.queryForObject("SELECT COUNT(*), COALESCE(SUM(CASE WHEN " + invalid + " THEN 0 ELSE local_amount END), 0) "
                        + "FROM receipt_ledger WHERE document_date BETWEEN ? AND ? AND state IN " + LIVE,
                (rs, i) -> new SourceData.ControlFigures(rs.getLong(1), rs.getBigDecimal(2), invalidAmounts), dates);
    }

    /**
     * Each opportunity's stage on the period's last day, from the CRM's stage history (see
     * {@link CrmReceiptFigures#stagesAt}); without history, its stage now.
     */
    private Map<Long, SourceData.Opp> withStagesAtEnd(Period period, Map<Long, SourceData.Opp> opps) {
        Map<Long, String> atEnd = figures.stagesAt(java.sql.Timestamp.valueOf(period.to().plusDays(1).atStartOfDay()), opps.keySet());
        Map<Long, SourceData.Opp> out = new LinkedHashMap<>();
        opps.forEach((id, o) -> out.put(id, atEnd.containsKey(id) ? o.withStageAtEnd(atEnd.get(id)) : o));
        return out;
    }

    private static SourceData.Opp opp(CrmReceiptFigures.OpportunityFigures o) {
        return new SourceData.Opp(o.id(), o.number(), o.customerId(), o.stage(), o.currency(), o.signed(), o.received(),
                o.outstanding(), o.receiptStatus(), o.plannedReceiptDate(), o.wonDate());
    }

    private Map<Long, SourceData.Customer> customers() {
        Map<Long, SourceData.Customer> out = new HashMap<>();
        figures.customers().forEach((id, c) -> out.put(id, new SourceData.Customer(c.id(), c.erpCode(), c.name())));
        return out;
    }

    /** A ledger row, its raw ERP currency text mapped to ISO with the currency-codes of its route's source mapping. */
    private SourceData.LedgerRow ledgerRow(ResultSet rs, Map<String, Map<String, String>> currencyCodes,
                                           OpportunityNumberMatcher numbers) throws SQLException {
        String routeId = rs.getString(3);
        String currency = rs.getString(7);
        String iso = isoCurrency(currency, currencyCodes.computeIfAbsent(routeId, this::currencyCodes));
        String opportunityNo = rs.getString(15);
        String memo = rs.getString(11);
        return new SourceData.LedgerRow(rs.getString(1), rs.getString(2), routeId, rs.getString(4), date(rs.getDate(5)),
                trim(rs.getString(6)), currency, iso, rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10),
                memo, rs.getString(12), rs.getString(13), (Long) rs.getObject(14, Long.class), opportunityNo,
                rs.getBigDecimal(16), namedOpportunity(opportunityNo, rs.getString(17), memo, numbers));
    }

    /** The opportunity a document names: the one it is applied to, the one finance assigned, else its memo's number(s). */
    private static String namedOpportunity(String applied, String manual, String memo, OpportunityNumberMatcher numbers) {
        if (applied != null) return applied;
        if (manual != null) return manual;
        List<String> found = memo == null ? List.of() : numbers.find(memo);
        return found.isEmpty() ? null : String.join(", ", found);
    }

    private static String isoCurrency(String currency, Map<String, String> codes) {
        String trimmed = currency == null ? null : currency.trim();
        return trimmed == null ? null : codes.getOrDefault(trimmed, trimmed.matches("[A-Z]{3}") ? trimmed : null);
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
