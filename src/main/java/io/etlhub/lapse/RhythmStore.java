package io.etlhub.lapse;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The rhythm in the hub store: the sale lines, the tickets' members, the members' visit days and the
 * member rows (tier, home store, first and last visit), written batch by batch by {@link RhythmBatch};
 * reads for the rules, the API and the daily evaluation. {@link RhythmRebuild} computes visits and members
 * again from all lines. Callers hold the hub transaction.
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

    static final RowMapper<SaleLine> LINE = (rs, n) -> new SaleLine(rs.getString("pos"), rs.getString("flow_no"),
            rs.getString("flow_id"), rs.getString("store"), rs.getString("item"), rs.getString("category"),
            rs.getDate("sale_day").toLocalDate(), rs.getBigDecimal("amount"), rs.getBigDecimal("quantity"), rs.getInt("is_return") == 1,
            rs.getString("card"));

    static final RowMapper<Member> MEMBER = (rs, n) -> new Member(rs.getString("card"), rs.getString("tier"),
            rs.getString("home_store"), rs.getDate("first_day") == null ? null : rs.getDate("first_day").toLocalDate(),
            rs.getDate("last_day") == null ? null : rs.getDate("last_day").toLocalDate(), rs.getInt("visit_days"));
}
