package io.etlhub.lapse;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * The rhythm in the hub store, kept from each sale line: the line itself (its POS key makes a
 * redelivered line a no-op), the ticket's member, the member's visit days and the member row (tier,
 * home store, first and last visit). {@link RhythmRebuild} computes visits and members again from all lines.
 * Callers hold the hub transaction.
 */
@Repository
public class RhythmStore {
    private final JdbcTemplate hub;
    private final Clock clock;
    private final LapseSettings settings;

    public RhythmStore(JdbcTemplate hub, Clock clock, LapseSettings settings) {
        this.hub = hub;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Stores a line (its member taken from the ticket when the line names none). Returns the line as
     * stored, or null when it was there already (a redelivery).
     */
    public SaleLine record(SaleLine line) {
        SaleLine stored = line.card() != null ? line : line.withCard(ticketMember(line.pos(), line.ticket()));
        try {
            hub.update("INSERT INTO lapse_sale_line (pos, flow_no, flow_id, store, item, category, sale_day, amount, quantity, is_return, "
                            + "card, captured_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    stored.pos(), stored.ticket(), stored.line(), stored.store(), stored.item(), stored.category(), Date.valueOf(stored.day()),
                    stored.amount(), stored.quantity(), stored.isReturn() ? 1 : 0, stored.card(), now());
        } catch (DuplicateKeyException redelivered) {
            return null;
        }
        if (stored.card() != null && !stored.isReturn()) addVisit(stored.card(), stored.day(), stored.store());
        return stored;
    }

    /**
     * The ticket's member, from its payment lines: lines of the ticket stored before it get the card.
     * Returns the card when it is new for the ticket, null when the ticket had it already.
     */
    public String recordTicketMember(String pos, String ticket, String card) {
        try {
            hub.update("INSERT INTO lapse_ticket_member (pos, flow_no, card) VALUES (?, ?, ?)", pos, ticket, card);
        } catch (DuplicateKeyException known) {
            return null;
        }
        List<Rhythm.Visit> visits = hub.query("SELECT DISTINCT sale_day, store FROM lapse_sale_line WHERE pos = ? AND flow_no = ? "
                + "AND card IS NULL AND is_return = 0", (rs, n) -> new Rhythm.Visit(rs.getDate(1).toLocalDate(), rs.getString(2)), pos, ticket);
        hub.update("UPDATE lapse_sale_line SET card = ? WHERE pos = ? AND flow_no = ? AND card IS NULL", card, pos, ticket);
        for (Rhythm.Visit v : visits) addVisit(card, v.day(), v.store());
        return card;
    }

    /** The day of a ticket's stored lines, or null before any arrived. */
    public LocalDate ticketDay(String pos, String ticket) {
        Date d = hub.queryForObject("SELECT MAX(sale_day) FROM lapse_sale_line WHERE pos = ? AND flow_no = ?", Date.class, pos, ticket);
        return d == null ? null : d.toLocalDate();
    }

    private String ticketMember(String pos, String ticket) {
        List<String> c = hub.queryForList("SELECT card FROM lapse_ticket_member WHERE pos = ? AND flow_no = ?", String.class, pos, ticket);
        return c.isEmpty() ? null : c.get(0);
    }

    /** A visit (day and store) unless known, and then the member row. */
    void addVisit(String card, LocalDate day, String store) {
        boolean added;
        try {
            added = hub.update("INSERT INTO lapse_visit (card, visit_day, store) VALUES (?, ?, ?)", card, Date.valueOf(day), store) == 1;
        } catch (DuplicateKeyException known) {
            added = false;
        }
        if (added) refreshMember(card);
    }

    /** The member row from the member's visits: first, last, count, home store (favourite over the window up to the last visit). */
    void refreshMember(String card) {
        List<Rhythm.Visit> visits = visits(card);
        if (visits.isEmpty()) return;
        LocalDate first = visits.get(0).day();
        LocalDate last = visits.get(visits.size() - 1).day();
        long days = visits.stream().map(Rhythm.Visit::day).distinct().count();
        String home = Rhythm.favouriteStore(visits, last.minusDays(settings.windowDays() - 1L));
        int updated = hub.update("UPDATE lapse_member SET home_store = ?, first_day = ?, last_day = ?, visit_days = ?, updated_at = ? WHERE card = ?",
                home, Date.valueOf(first), Date.valueOf(last), days, now(), card);
        if (updated == 0) {
            hub.update("INSERT INTO lapse_member (card, tier, home_store, first_day, last_day, visit_days, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    card, settings.defaultTier(), home, Date.valueOf(first), Date.valueOf(last), days, now());
        }
    }

    public List<Rhythm.Visit> visits(String card) {
        return hub.query("SELECT visit_day, store FROM lapse_visit WHERE card = ? ORDER BY visit_day, store",
                (rs, n) -> new Rhythm.Visit(rs.getDate(1).toLocalDate(), rs.getString(2)), card);
    }

    /** The member's lines from {@code from} on, returns included. */
    public List<SaleLine> lines(String card, LocalDate from) {
        return hub.query("SELECT * FROM lapse_sale_line WHERE card = ? AND sale_day >= ? ORDER BY sale_day, flow_no, flow_id", LINE,
                card, Date.valueOf(from));
    }

    public Rhythm rhythm(String card, LocalDate today) {
        return Rhythm.of(card, visits(card), lines(card, today.minusDays(settings.windowDays() - 1L)), today, settings.windowDays(),
                settings.topItems());
    }

    public record Member(String card, String tier, String homeStore, LocalDate firstDay, LocalDate lastDay, int visitDays) {}

    public Member member(String card) {
        List<Member> m = hub.query("SELECT * FROM lapse_member WHERE card = ?", MEMBER, card);
        return m.isEmpty() ? null : m.get(0);
    }

    /**
     * Members silent at least {@code minSilentDays} whose current episode has not fired yet, after
     * {@code afterCard} (paging), by card.
     */
    public List<Member> silentUnfired(LocalDate today, int minSilentDays, String afterCard, int limit) {
        return hub.query("SELECT m.* FROM lapse_member m WHERE m.last_day <= ? AND m.card > ? AND NOT EXISTS "
                        + "(SELECT 1 FROM lapse_trigger t WHERE t.card = m.card AND t.episode_day = m.last_day) ORDER BY m.card LIMIT " + limit,
                MEMBER, Date.valueOf(today.minusDays(minSilentDays)), afterCard == null ? "" : afterCard);
    }

    /** Gaps in days between the visit days of the members whose home store is {@code store} (for shrinkage), over a year. */
    public List<Integer> storeGaps(String store, LocalDate today, int limit) {
        List<Map<String, Object>> rows = hub.queryForList("SELECT DISTINCT v.card, v.visit_day FROM lapse_visit v JOIN lapse_member m ON m.card = v.card "
                + "WHERE m.home_store = ? AND v.visit_day >= ? ORDER BY v.card, v.visit_day LIMIT " + limit, store, Date.valueOf(today.minusDays(365)));
        List<Integer> gaps = new java.util.ArrayList<>();
        String card = null;
        LocalDate previous = null;
        for (Map<String, Object> r : rows) {
            String c = (String) r.get("card");
            LocalDate d = ((Date) r.get("visit_day")).toLocalDate();
            if (c.equals(card) && previous != null) gaps.add((int) java.time.temporal.ChronoUnit.DAYS.between(previous, d));
            card = c;
            previous = d;
        }
        return gaps;
    }

    private Timestamp now() {
        return Timestamp.valueOf(LocalDateTime.now(clock));
    }

    private static final RowMapper<SaleLine> LINE = (rs, n) -> new SaleLine(rs.getString("pos"), rs.getString("flow_no"),
            rs.getString("flow_id"), rs.getString("store"), rs.getString("item"), rs.getString("category"),
            rs.getDate("sale_day").toLocalDate(), rs.getBigDecimal("amount"), rs.getBigDecimal("quantity"), rs.getInt("is_return") == 1,
            rs.getString("card"));

    private static final RowMapper<Member> MEMBER = (rs, n) -> new Member(rs.getString("card"), rs.getString("tier"),
            rs.getString("home_store"), rs.getDate("first_day") == null ? null : rs.getDate("first_day").toLocalDate(),
            rs.getDate("last_day") == null ? null : rs.getDate("last_day").toLocalDate(), rs.getInt("visit_days"));
}
