package io.etlhub.receipts;

import io.etlhub.connector.BulkInsert;
import io.etlhub.connector.RowBatches;
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
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** receipt_ledger and receipt_event in the hub store. */
@Repository
public class ReceiptLedger {
    private static final String COLUMNS = "source_system, document_id, route_id, document_no, document_date, customer_code, "
            + "currency, exchange_rate, amount, local_amount, memo, source_version, content_hash, state, reason, "
            + "reason_detail, opportunity_id, opportunity_no, applied_amount, applied_currency, manual_opportunity_no, "
            + "first_seen_at, updated_at";

    /** The actor of a route's own changes (ReceiptSync). */
    static final String ROUTE_ACTOR = "route:";

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

    /** Whether the ledger holds any document of this source system (a first load finds none). */
    boolean holdsAny(String system) {
        return Boolean.TRUE.equals(hub.query("SELECT 1 FROM receipt_ledger WHERE source_system = ? LIMIT 1",
                java.sql.ResultSet::next, system));
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

    /**
     * Each document of a route that is still live in the ledger (anything but reversed), handed over as read:
     * the key scan compares them with the source's keys without a second set of a million ids. Returns how many.
     */
    long forEachLiveDocumentId(String routeId, Consumer<String> action) {
        long[] count = {0};
        hub.query("SELECT document_id FROM receipt_ledger WHERE route_id = ? AND state <> 'REVERSED'",
                rs -> { count[0]++; action.accept(rs.getString(1)); }, routeId);
        return count[0];
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

    /**
     * Latest date of an applied positive receipt per opportunity, as the ledger holds it now. Each is the first
     * entry with a positive amount on a backward walk of the opportunity's applied entries in
     * ix_receipt_ledger_opportunity_last (opportunity, state, date, amount): a few index entries however many
     * receipts it has. A MAX per opportunity read all of them, once per commit interval, which grew with the
     * ledger (issue 15: 110 million index entries for a first load of 1,000,000 receipts).
     */
    Map<Long, LocalDate> lastPositiveReceiptDates(Collection<Long> opportunityIds) {
        Map<Long, LocalDate> dates = new HashMap<>();
        List<Long> ids = new ArrayList<>(opportunityIds);
        for (List<Long> chunk : RowBatches.chunks(ids, RowBatches.IN_LIST)) {
            // The ids are numbers, written as literals: a derived table of bound parameters has no type on H2.
            StringBuilder list = new StringBuilder();
            for (Long id : chunk) {
                list.append(list.length() == 0 ? "SELECT " + id + " AS id" : " UNION ALL SELECT " + id);
            }
            hub.query("SELECT o.id, (SELECT l.document_date FROM receipt_ledger l WHERE l.opportunity_id = o.id "
                            + "AND l.state = 'APPLIED' AND l.applied_amount > 0 ORDER BY l.document_date DESC LIMIT 1) "
                            + "FROM (" + list + ") o",
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
                for (int i = 2; i < values.length; i++) shifted[i - 2] = jdbcValue(values[i]);
                shifted[values.length - 2] = e.system();
                shifted[values.length - 1] = e.documentId();
                updates.add(shifted);
            }
            if (d.previous() == null && plainFirstApply(d, actor)) continue;
            for (ReceiptDecision.Event ev : d.events()) {
                events.add(new Object[] {e.system(), e.documentId(), batchId, ev.action(), ev.opportunityId(),
                        ev.amountDelta(), ev.reason(), actor, truncate(ev.note(), 500), Timestamp.valueOf(now)});
            }
        }
        events.addAll(0, impliedApplies(decisions));
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

    /** A document's history, oldest first; a plain first apply without an event row is read from the ledger. */
    public List<Map<String, Object>> events(String system, String documentId) {
        List<Map<String, Object>> events = hub.queryForList("SELECT action, opportunity_id, amount_delta, reason, actor, note, "
                + "batch_id, created_at FROM receipt_event WHERE source_system = ? AND document_id = ? ORDER BY id", system, documentId);
        if (!events.isEmpty()) return events;
        LedgerEntry entry = get(system, documentId);
        if (entry == null) return events;
        Map<String, Object> apply = new java.util.LinkedHashMap<>();
        apply.put("action", "APPLY");
        apply.put("opportunity_id", entry.opportunityId());
        apply.put("amount_delta", entry.appliedAmount());
        apply.put("reason", null);
        apply.put("actor", ROUTE_ACTOR + entry.routeId());
        apply.put("note", null);
        apply.put("batch_id", null);
        apply.put("created_at", Timestamp.valueOf(entry.firstSeenAt()));
        return List.of(apply);
    }

    /**
     * A route's first apply of a new document with no warning and no note: the ledger row it inserts says all
     * the event would (opportunity, amount, route, time = first_seen_at), so no event row is written (issue 15).
     * A ledger row without any event row is such an apply; the event is written when the row changes next.
     */
    private static boolean plainFirstApply(ReceiptDecision d, String actor) {
        LedgerEntry e = d.next();
        if (d.events().size() != 1 || e.state() != LedgerEntry.State.APPLIED || e.reason() != null) return false;
        ReceiptDecision.Event ev = d.events().get(0);
        return "APPLY".equals(ev.action()) && ev.reason() == null && ev.note() == null
                && (ROUTE_ACTOR + e.routeId()).equals(actor) && ev.amountDelta().compareTo(e.appliedAmount()) == 0
                && ev.opportunityId() != null && ev.opportunityId().equals(e.opportunityId())
                && e.firstSeenAt().equals(e.updatedAt());
    }

    /**
     * The APPLY events that ledger rows about to change hold only implicitly (rows without any event row),
     * written before the change's own events so the history keeps its order.
     */
    private List<Object[]> impliedApplies(List<ReceiptDecision> decisions) {
        Map<String, Map<String, LedgerEntry>> changed = new HashMap<>();
        for (ReceiptDecision d : decisions) {
            LedgerEntry p = d.previous();
            if (d.next() != null && p != null && p.state() == LedgerEntry.State.APPLIED && p.reason() == null) {
                changed.computeIfAbsent(p.system(), k -> new HashMap<>()).put(p.documentId(), p);
            }
        }
        List<Object[]> implied = new ArrayList<>();
        changed.forEach((system, byId) -> {
            for (List<String> chunk : RowBatches.chunks(new ArrayList<>(byId.keySet()), RowBatches.IN_LIST)) {
                MapSqlParameterSource p = new MapSqlParameterSource().addValue("system", system).addValue("ids", chunk);
                for (String id : named.queryForList("SELECT l.document_id FROM receipt_ledger l WHERE l.source_system = :system "
                        + "AND l.document_id IN (:ids) AND NOT EXISTS (SELECT 1 FROM receipt_event e "
                        + "WHERE e.source_system = l.source_system AND e.document_id = l.document_id)", p, String.class)) {
                    LedgerEntry e = byId.get(id);
                    implied.add(new Object[] {system, id, null, "APPLY", e.opportunityId(), e.appliedAmount(), null,
                            ROUTE_ACTOR + e.routeId(), null, Timestamp.valueOf(e.firstSeenAt())});
                }
            }
        });
        return implied;
    }

    /** A ledger row's values in column order; dates and times as java.time values, which BulkInsert writes as they are. */
    private static Object[] values(LedgerEntry e) {
        return new Object[] {e.system(), e.documentId(), e.routeId(), e.documentNo(), e.documentDate(), e.customerCode(), e.currency(),
                e.exchangeRate(), e.amount(), e.localAmount(), e.memo(), e.sourceVersion(), e.contentHash(),
                e.state().name(), e.reason(), truncate(e.reasonDetail(), 2000), e.opportunityId(), e.opportunityNo(),
                e.appliedAmount(), e.appliedCurrency(), e.manualOpportunityNo(), e.firstSeenAt(), e.updatedAt()};
    }

    /** A value for a bound JDBC parameter: dates and times as java.sql types, converted by the driver as everywhere else. */
    private static Object jdbcValue(Object v) {
        if (v instanceof LocalDate d) return Date.valueOf(d);
        if (v instanceof LocalDateTime t) return Timestamp.valueOf(t);
        return v;
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
