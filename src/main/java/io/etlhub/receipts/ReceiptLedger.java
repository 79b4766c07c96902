package io.etlhub.receipts;

import io.etlhub.connector.BulkInsert;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

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

/** receipt_ledger and receipt_event in the hub store. */
@Repository
public class ReceiptLedger {
    private static final String COLUMNS = "source_system, document_id, route_id, document_no, document_date, customer_code, "
            + "currency, exchange_rate, amount, local_amount, memo, source_version, content_hash, state, reason, "
            + "reason_detail, opportunity_id, opportunity_no, applied_amount, applied_currency, manual_opportunity_no, "
            + "first_seen_at, updated_at";

    private final JdbcTemplate hub;
    private final NamedParameterJdbcTemplate named;
    /** Made on first use: they ask the hub store which database it is. */
    private volatile BulkInsert ledgerInsert;
    private volatile BulkInsert eventInsert;

    public ReceiptLedger(JdbcTemplate hub) {
        this.hub = hub;
        this.named = new NamedParameterJdbcTemplate(hub);
    }

    public LedgerEntry get(String system, String documentId) {
        List<LedgerEntry> found = hub.query("SELECT " + COLUMNS + " FROM receipt_ledger WHERE source_system = ? AND document_id = ?",
                MAPPER, system, documentId);
        return found.isEmpty() ? null : found.get(0);
    }

    public Map<String, LedgerEntry> find(String system, Collection<String> documentIds) {
        Map<String, LedgerEntry> byId = new HashMap<>();
        if (documentIds.isEmpty()) return byId;
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("system", system).addValue("ids", documentIds);
        named.query("SELECT " + COLUMNS + " FROM receipt_ledger WHERE source_system = :system AND document_id IN (:ids)", p,
                rs -> {
                    LedgerEntry e = MAPPER.mapRow(rs, 0);
                    byId.put(e.documentId(), e);
                });
        return byId;
    }

    /** Documents of a route that are still live in the ledger (anything but reversed). */
    public Set<String> liveDocumentIds(String routeId) {
        Set<String> ids = new HashSet<>();
        hub.query("SELECT document_id FROM receipt_ledger WHERE route_id = ? AND state <> 'REVERSED'",
                rs -> { ids.add(rs.getString(1)); }, routeId);
        return ids;
    }

    public List<LedgerEntry> inStates(Collection<LedgerEntry.State> states, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource("states", states.stream().map(Enum::name).toList());
        return named.query("SELECT " + COLUMNS + " FROM receipt_ledger WHERE state IN (:states) ORDER BY document_date, document_id LIMIT "
                + Math.max(1, Math.min(limit, 10000)), p, MAPPER);
    }

    /** Unmatched documents of a route whose reason may go away when the CRM changes. */
    List<LedgerEntry> unmatchedForRetry(String routeId, Collection<String> reasons) {
        MapSqlParameterSource p = new MapSqlParameterSource("route", routeId).addValue("reasons", reasons);
        return named.query("SELECT " + COLUMNS + " FROM receipt_ledger WHERE route_id = :route AND state = 'UNMATCHED' "
                + "AND reason IN (:reasons) ORDER BY document_id", p, MAPPER);
    }

    public List<LedgerEntry> forOpportunity(long opportunityId) {
        return hub.query("SELECT " + COLUMNS + " FROM receipt_ledger WHERE opportunity_id = ? ORDER BY document_date", MAPPER, opportunityId);
    }

    /** Latest date of an applied positive receipt per opportunity, as the ledger holds it now. */
    Map<Long, LocalDate> lastPositiveReceiptDates(Collection<Long> opportunityIds) {
        Map<Long, LocalDate> dates = new HashMap<>();
        List<Long> ids = new ArrayList<>(opportunityIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            named.query("SELECT opportunity_id, MAX(document_date) FROM receipt_ledger WHERE opportunity_id IN (:ids) "
                            + "AND state = 'APPLIED' AND applied_amount > 0 GROUP BY opportunity_id",
                    new MapSqlParameterSource("ids", ids.subList(from, Math.min(ids.size(), from + 1000))),
                    rs -> {
                        Date d = rs.getDate(2);
                        dates.put(rs.getLong(1), d == null ? null : d.toLocalDate());
                    });
        }
        return dates;
    }

    void write(List<ReceiptDecision> decisions, String batchId, String actor, LocalDateTime now) {
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        for (ReceiptDecision d : decisions) {
            LedgerEntry e = d.next();
            if (e == null) continue;
            Object[] values = values(e);
            if (d.previous() == null) {
                inserts.add(values);
            } else {
                Object[] shifted = new Object[values.length];
                System.arraycopy(values, 2, shifted, 0, values.length - 2);
                shifted[values.length - 2] = e.system();
                shifted[values.length - 1] = e.documentId();
                updates.add(shifted);
            }
            for (ReceiptDecision.Event ev : d.events()) {
                events.add(new Object[] {e.system(), e.documentId(), batchId, ev.action(), ev.opportunityId(),
                        ev.amountDelta(), ev.reason(), actor, truncate(ev.note(), 500), Timestamp.valueOf(now)});
            }
        }
        if (!inserts.isEmpty()) ledgerInsert().insert(inserts);
        if (!updates.isEmpty()) {
            hub.batchUpdate("UPDATE receipt_ledger SET route_id = ?, document_no = ?, document_date = ?, customer_code = ?, "
                    + "currency = ?, exchange_rate = ?, amount = ?, local_amount = ?, memo = ?, source_version = ?, "
                    + "content_hash = ?, state = ?, reason = ?, reason_detail = ?, opportunity_id = ?, opportunity_no = ?, "
                    + "applied_amount = ?, applied_currency = ?, manual_opportunity_no = ?, first_seen_at = ?, updated_at = ? "
                    + "WHERE source_system = ? AND document_id = ?", updates);
        }
        if (!events.isEmpty()) eventInsert().insert(events);
    }

    private BulkInsert ledgerInsert() {
        if (ledgerInsert == null) ledgerInsert = BulkInsert.into(hub, "receipt_ledger", List.of(COLUMNS.split(", ")));
        return ledgerInsert;
    }

    private BulkInsert eventInsert() {
        if (eventInsert == null) eventInsert = BulkInsert.into(hub, "receipt_event", List.of("source_system", "document_id",
                "batch_id", "action", "opportunity_id", "amount_delta", "reason", "actor", "note", "created_at"));
        return eventInsert;
    }

    public List<Map<String, Object>> events(String system, String documentId) {
        return hub.queryForList("SELECT action, opportunity_id, amount_delta, reason, actor, note, batch_id, created_at "
                + "FROM receipt_event WHERE source_system = ? AND document_id = ? ORDER BY id", system, documentId);
    }

    private static Object[] values(LedgerEntry e) {
        return new Object[] {e.system(), e.documentId(), e.routeId(), e.documentNo(),
                e.documentDate() == null ? null : Date.valueOf(e.documentDate()), e.customerCode(), e.currency(),
                e.exchangeRate(), e.amount(), e.localAmount(), e.memo(), e.sourceVersion(), e.contentHash(),
                e.state().name(), e.reason(), truncate(e.reasonDetail(), 2000), e.opportunityId(), e.opportunityNo(),
                e.appliedAmount(), e.appliedCurrency(), e.manualOpportunityNo(),
                Timestamp.valueOf(e.firstSeenAt()), Timestamp.valueOf(e.updatedAt())};
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static final RowMapper<LedgerEntry> MAPPER = (rs, n) -> {
        Date date = rs.getDate("document_date");
        long opp = rs.getLong("opportunity_id");
        Long oppId = rs.wasNull() ? null : opp;
        return new LedgerEntry(rs.getString("source_system"), rs.getString("document_id"), rs.getString("route_id"),
                rs.getString("document_no"), date == null ? null : date.toLocalDate(), rs.getString("customer_code"),
                rs.getString("currency"), rs.getBigDecimal("exchange_rate"), rs.getBigDecimal("amount"),
                rs.getBigDecimal("local_amount"), rs.getString("memo"), rs.getString("source_version"),
                rs.getString("content_hash"), LedgerEntry.State.valueOf(rs.getString("state")), rs.getString("reason"),
                rs.getString("reason_detail"), oppId, rs.getString("opportunity_no"), rs.getBigDecimal("applied_amount"),
                rs.getString("applied_currency"), rs.getString("manual_opportunity_no"),
                rs.getTimestamp("first_seen_at").toLocalDateTime(), rs.getTimestamp("updated_at").toLocalDateTime());
    };
}
