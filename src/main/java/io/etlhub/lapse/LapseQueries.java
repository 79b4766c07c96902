package io.etlhub.lapse;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the console and the API show: triggers fired with their delivery state, members at risk now. */
@Repository
class LapseQueries {
    private final JdbcTemplate hub;

    LapseQueries(JdbcTemplate hub) {
        this.hub = hub;
    }

    /** Triggers, newest first, with the state of their message in the outbox (none = no channel configured). */
    List<Map<String, Object>> triggers(String store, String card, int limit) {
        StringBuilder sql = new StringBuilder("SELECT t.id, t.card, t.episode_day, t.rule_name, t.score, t.days_silent, t.store, t.reason_zh, "
                + "t.reason_en, t.event_id, t.fired_on, t.fired_at, (SELECT MIN(o.state) FROM notification_outbox o WHERE o.event_id = t.event_id) "
                + "AS delivery FROM lapse_trigger t WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (store != null && !store.isBlank()) { sql.append(" AND t.store = ?"); args.add(store); }
        if (card != null && !card.isBlank()) { sql.append(" AND t.card = ?"); args.add(card); }
        sql.append(" ORDER BY t.fired_at DESC, t.id DESC LIMIT ").append(Math.max(1, Math.min(limit, 5000)));
        return hub.queryForList(sql.toString(), args.toArray());
    }

    /** Members whose current episode has fired (at risk until they come back), per store. */
    List<Map<String, Object>> atRisk(String store, int limit) {
        StringBuilder sql = new StringBuilder("SELECT m.card, m.tier, m.home_store, m.last_day, m.visit_days, t.rule_name, t.days_silent, "
                + "t.reason_zh, t.reason_en, t.fired_on FROM lapse_member m JOIN lapse_trigger t ON t.card = m.card AND t.episode_day = m.last_day "
                + "WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (store != null && !store.isBlank()) { sql.append(" AND m.home_store = ?"); args.add(store); }
        sql.append(" ORDER BY m.home_store, m.last_day LIMIT ").append(Math.max(1, Math.min(limit, 5000)));
        return hub.queryForList(sql.toString(), args.toArray());
    }

    List<Map<String, Object>> perStore() {
        return hub.queryForList("SELECT m.home_store AS store, COUNT(*) AS members, SUM(CASE WHEN t.card IS NULL THEN 0 ELSE 1 END) AS at_risk "
                + "FROM lapse_member m LEFT JOIN lapse_trigger t ON t.card = m.card AND t.episode_day = m.last_day GROUP BY m.home_store ORDER BY m.home_store");
    }

    long silentSince(LocalDate day) {
        Long n = hub.queryForObject("SELECT COUNT(*) FROM lapse_member WHERE last_day <= ?", Long.class, Date.valueOf(day));
        return n == null ? 0 : n;
    }
}
