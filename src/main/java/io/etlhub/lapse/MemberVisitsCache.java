package io.etlhub.lapse;

import io.etlhub.connector.RowBatches;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Members' visits kept in memory between batches of the rhythm step, so a sale does not read its member's
 * history again. The hub store stays the truth: an entry is used only while the member's row in the store
 * still says what the entry says (tier, home store, first and last day, visit days and the time it was
 * written, which every writer sets; one query per batch for the members it touches), else the member's visits are read again. Entries change only once their batch
 * has committed, so a rolled-back batch, a crash, a rebuild or another process writing the store leaves no
 * wrong entry behind. Holds at most {@code etlhub.lapse.cached-members}, least recently used first out.
 */
@Component
class MemberVisitsCache {
    /** A member's row (null before the first visit), when it was written, and the visits in day and store order. */
    record MemberVisits(RhythmStore.Member row, LocalDateTime updatedAt, List<Rhythm.Visit> visits) {}

    private record Row(RhythmStore.Member member, LocalDateTime updatedAt) {}

    private final JdbcTemplate hub;
    private final Map<String, MemberVisits> entries;

    MemberVisitsCache(JdbcTemplate hub, @Value("${etlhub.lapse.cached-members:200000}") int capacity) {
        this.hub = hub;
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, MemberVisits> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The members as the hub store has them now (in the caller's transaction). */
    Map<String, MemberVisits> current(Collection<String> cards) {
        Map<String, Row> rows = rows(cards);
        Map<String, MemberVisits> out = new HashMap<>();
        List<String> stale = new ArrayList<>();
        synchronized (this) {
            for (String card : cards) {
                Row row = rows.get(card);
                MemberVisits known = entries.get(card);
                if (row == null) out.put(card, new MemberVisits(null, null, List.of()));
                else if (known != null && row.member().equals(known.row()) && row.updatedAt().equals(known.updatedAt())) out.put(card, known);
                else stale.add(card);
            }
        }
        Map<String, List<Rhythm.Visit>> visits = visits(stale);
        for (String card : stale) {
            Row row = rows.get(card);
            out.put(card, new MemberVisits(row.member(), row.updatedAt(), visits.getOrDefault(card, List.of())));
        }
        return out;
    }

    /** Keeps the members' new state once the caller's transaction commits (at once without one). */
    void keepAfterCommit(Collection<MemberVisits> members) {
        List<MemberVisits> copy = List.copyOf(members);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            keep(copy);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() { keep(copy); }
        });
    }

    synchronized void clear() {
        entries.clear();
    }

    private synchronized void keep(List<MemberVisits> members) {
        for (MemberVisits m : members) entries.put(m.row().card(), m);
    }

    private Map<String, Row> rows(Collection<String> cards) {
        Map<String, Row> out = new HashMap<>();
        for (List<String> chunk : RowBatches.chunks(List.copyOf(cards), RowBatches.IN_LIST)) {
            hub.query("SELECT * FROM lapse_member WHERE card IN (" + RowBatches.marks(chunk.size()) + ")", (rs, n) -> new Row(
                    RhythmStore.MEMBER.mapRow(rs, n), rs.getTimestamp("updated_at").toLocalDateTime()), chunk.toArray())
                    .forEach(r -> out.put(r.member().card(), r));
        }
        return out;
    }

    private Map<String, List<Rhythm.Visit>> visits(List<String> cards) {
        Map<String, List<Rhythm.Visit>> out = new HashMap<>();
        for (List<String> chunk : RowBatches.chunks(cards, RowBatches.IN_LIST)) {
            hub.query("SELECT card, visit_day, store FROM lapse_visit WHERE card IN (" + RowBatches.marks(chunk.size())
                    + ") ORDER BY card, visit_day, store", rs -> {
                out.computeIfAbsent(rs.getString(1), c -> new ArrayList<>()).add(new Rhythm.Visit(rs.getDate(2).toLocalDate(), rs.getString(3)));
            }, chunk.toArray());
        }
        return out;
    }
}
