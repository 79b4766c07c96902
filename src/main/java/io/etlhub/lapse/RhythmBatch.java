package io.etlhub.lapse;

import io.etlhub.connector.RowBatches;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A batch of POS changes into the rhythm in the caller's hub transaction, in a fixed number of statements
 * whatever its size: the tickets' members, the new lines (a line stored already is skipped, so a
 * redelivered batch changes nothing), the member of lines stored earlier without one, the new visits and
 * the member rows, all as multi-row inserts. The lines and payment lines of a ticket may come in any order,
 * within the batch or across batches. The members' visits come from {@link MemberVisitsCache}. The same
 * definitions as {@link RhythmStore} and its rebuild: a visit is a day and store with a line that is not a
 * return; the home store has the most visit days in the window up to the last visit.
 */
@Component
class RhythmBatch {
    private static final Comparator<Rhythm.Visit> VISIT_ORDER = Comparator.comparing(Rhythm.Visit::day).thenComparing(Rhythm.Visit::store);

    private final JdbcTemplate hub;
    private final Clock clock;
    private final LapseSettings settings;
    private final MemberVisitsCache cache;

    RhythmBatch(JdbcTemplate hub, Clock clock, LapseSettings settings, MemberVisitsCache cache) {
        this.hub = hub;
        this.clock = clock;
        this.settings = settings;
        this.cache = cache;
    }

    /**
     * What a batch changed: how many lines were new, the days to decide each member as of (the days of
     * the member's lines that reached the rhythm, in arrival order), and the members as they are now.
     */
    record Applied(int stored, Map<String, Set<LocalDate>> daysByCard, Map<String, MemberVisitsCache.MemberVisits> members) {}

    private record Ticket(String pos, String ticket) {}

    private record LineKey(String pos, String ticket, String line) {}

    Applied apply(List<PosChange> changes) {
        Map<Ticket, String> paid = new LinkedHashMap<>();
        Map<LineKey, SaleLine> lines = new LinkedHashMap<>();
        for (PosChange change : changes) {
            if (change instanceof PosChange.Payment p && p.card() != null) paid.putIfAbsent(new Ticket(p.pos(), p.ticket()), p.card());
            if (change instanceof PosChange.Line l) lines.putIfAbsent(new LineKey(l.line().pos(), l.line().ticket(), l.line().line()), l.line());
        }
        // A ticket keeps the first member it was given (the store's), else this batch's.
        Set<Ticket> asked = new LinkedHashSet<>(paid.keySet());
        lines.values().stream().filter(l -> l.card() == null).forEach(l -> asked.add(new Ticket(l.pos(), l.ticket())));
        Map<Ticket, String> known = ticketMembers(asked);
        Map<Ticket, String> arriving = new LinkedHashMap<>();
        paid.forEach((t, card) -> { if (!known.containsKey(t)) arriving.put(t, card); });
        RowBatches.insert(hub, "lapse_ticket_member", List.of("pos", "flow_no", "card"),
                arriving.entrySet().stream().map(e -> new Object[] {e.getKey().pos(), e.getKey().ticket(), e.getValue()}).toList());

        Timestamp now = now();
        List<SaleLine> earlier = linesAwaiting(arriving, now);
        Set<LineKey> stored = storedLines(lines.keySet());
        List<SaleLine> fresh = new ArrayList<>();
        for (Map.Entry<LineKey, SaleLine> e : lines.entrySet()) {
            if (stored.contains(e.getKey())) continue;
            SaleLine l = e.getValue();
            Ticket t = new Ticket(l.pos(), l.ticket());
            fresh.add(l.card() != null ? l : l.withCard(known.containsKey(t) ? known.get(t) : arriving.get(t)));
        }
        RowBatches.insert(hub, "lapse_sale_line", List.of("pos", "flow_no", "flow_id", "store", "item", "category", "sale_day", "amount",
                "quantity", "is_return", "card", "captured_at"), fresh.stream().map(l -> new Object[] {l.pos(), l.ticket(), l.line(), l.store(),
                l.item(), l.category(), Date.valueOf(l.day()), l.amount(), l.quantity(), l.isReturn() ? 1 : 0, l.card(), now}).toList());

        Map<String, Set<LocalDate>> days = new LinkedHashMap<>();
        Map<String, List<Rhythm.Visit>> visits = new HashMap<>();
        for (List<SaleLine> group : List.of(earlier, fresh)) {
            for (SaleLine l : group) {
                if (l.card() == null) continue;
                days.computeIfAbsent(l.card(), c -> new LinkedHashSet<>()).add(l.day());
                if (!l.isReturn()) visits.computeIfAbsent(l.card(), c -> new ArrayList<>()).add(new Rhythm.Visit(l.day(), l.store()));
            }
        }
        Map<String, MemberVisitsCache.MemberVisits> members = new HashMap<>(cache.current(days.keySet()));
        members.putAll(addVisits(members, visits, now));
        return new Applied(fresh.size(), days, members);
    }

    /** The new visits and member rows; returns the members whose rhythm changed, as they are now. */
    private Map<String, MemberVisitsCache.MemberVisits> addVisits(Map<String, MemberVisitsCache.MemberVisits> members,
                                                                  Map<String, List<Rhythm.Visit>> visits, Timestamp now) {
        Map<String, MemberVisitsCache.MemberVisits> changed = new LinkedHashMap<>();
        List<Object[]> visitRows = new ArrayList<>();
        List<Object[]> memberUpdates = new ArrayList<>();
        List<Object[]> memberInserts = new ArrayList<>();
        LocalDateTime at = now.toLocalDateTime();
        visits.forEach((card, added) -> {
            MemberVisitsCache.MemberVisits before = members.get(card);
            TreeSet<Rhythm.Visit> all = new TreeSet<>(VISIT_ORDER);
            all.addAll(before.visits());
            for (Rhythm.Visit v : added) if (all.add(v)) visitRows.add(new Object[] {card, Date.valueOf(v.day()), v.store()});
            if (all.size() == before.visits().size()) return;
            List<Rhythm.Visit> sorted = List.copyOf(all);
            LocalDate first = sorted.get(0).day();
            LocalDate last = sorted.get(sorted.size() - 1).day();
            int visitDays = (int) sorted.stream().map(Rhythm.Visit::day).distinct().count();
            String home = Rhythm.favouriteStore(sorted, last.minusDays(settings.windowDays() - 1L));
            String tier = before.row() == null ? settings.defaultTier() : before.row().tier();
            if (before.row() == null) {
                memberInserts.add(new Object[] {card, tier, home, Date.valueOf(first), Date.valueOf(last), visitDays, now});
            } else {
                memberUpdates.add(new Object[] {home, Date.valueOf(first), Date.valueOf(last), visitDays, now, card});
            }
            changed.put(card, new MemberVisitsCache.MemberVisits(new RhythmStore.Member(card, tier, home, first, last, visitDays), at, sorted));
        });
        RowBatches.insert(hub, "lapse_visit", List.of("card", "visit_day", "store"), visitRows);
        if (!memberUpdates.isEmpty()) {
            hub.batchUpdate("UPDATE lapse_member SET home_store = ?, first_day = ?, last_day = ?, visit_days = ?, updated_at = ? WHERE card = ?",
                    memberUpdates);
        }
        RowBatches.insert(hub, "lapse_member", List.of("card", "tier", "home_store", "first_day", "last_day", "visit_days", "updated_at"),
                memberInserts);
        cache.keepAfterCommit(changed.values());
        return changed;
    }

    private Map<Ticket, String> ticketMembers(Collection<Ticket> tickets) {
        Map<Ticket, String> out = new HashMap<>();
        byPos(tickets, (pos, chunk) -> hub.query("SELECT flow_no, card FROM lapse_ticket_member WHERE pos = ? AND flow_no IN ("
                + RowBatches.marks(chunk.size()) + ")", rs -> { out.put(new Ticket(pos, rs.getString(1)), rs.getString(2)); }, args(pos, chunk)));
        return out;
    }

    private Set<LineKey> storedLines(Collection<LineKey> lines) {
        Set<LineKey> out = new HashSet<>();
        Set<Ticket> tickets = new LinkedHashSet<>();
        lines.forEach(l -> tickets.add(new Ticket(l.pos(), l.ticket())));
        byPos(tickets, (pos, chunk) -> hub.query("SELECT flow_no, flow_id FROM lapse_sale_line WHERE pos = ? AND flow_no IN ("
                + RowBatches.marks(chunk.size()) + ")", rs -> { out.add(new LineKey(pos, rs.getString(1), rs.getString(2))); }, args(pos, chunk)));
        return out;
    }

    /**
     * Lines stored before their ticket's member was known, now given it (and the stored rows updated). Their
     * captured_at moves to now: the time a line reached a member's rhythm, which the rebuild's catch-up reads.
     */
    private List<SaleLine> linesAwaiting(Map<Ticket, String> arriving, Timestamp now) {
        List<SaleLine> out = new ArrayList<>();
        byPos(arriving.keySet(), (pos, chunk) -> out.addAll(hub.query("SELECT * FROM lapse_sale_line WHERE pos = ? AND card IS NULL AND flow_no IN ("
                + RowBatches.marks(chunk.size()) + ")", RhythmStore.LINE, args(pos, chunk))));
        if (out.isEmpty()) return out;
        Set<Ticket> tickets = new LinkedHashSet<>();
        out.forEach(l -> tickets.add(new Ticket(l.pos(), l.ticket())));
        hub.batchUpdate("UPDATE lapse_sale_line SET card = ?, captured_at = ? WHERE pos = ? AND flow_no = ? AND card IS NULL",
                tickets.stream().map(t -> new Object[] {arriving.get(t), now, t.pos(), t.ticket()}).toList());
        return out.stream().map(l -> l.withCard(arriving.get(new Ticket(l.pos(), l.ticket())))).toList();
    }

    private static void byPos(Collection<Ticket> tickets, java.util.function.BiConsumer<String, List<String>> query) {
        Map<String, List<String>> byPos = new LinkedHashMap<>();
        tickets.forEach(t -> byPos.computeIfAbsent(t.pos(), p -> new ArrayList<>()).add(t.ticket()));
        byPos.forEach((pos, all) -> RowBatches.chunks(all, RowBatches.IN_LIST).forEach(chunk -> query.accept(pos, chunk)));
    }

    private static Object[] args(String pos, List<String> chunk) {
        Object[] a = new Object[chunk.size() + 1];
        a[0] = pos;
        for (int i = 0; i < chunk.size(); i++) a[i + 1] = chunk.get(i);
        return a;
    }

    /** Milliseconds, as DATETIME(3) keeps them: the cache compares the stored time with its own. */
    private Timestamp now() {
        return Timestamp.valueOf(LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS));
    }
}
