package io.etlhub.lapse;

import io.etlhub.lapse.rules.LapseVerdict;
import io.etlhub.lapse.rules.MemberRhythm;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fires a trigger, in the caller's hub transaction: the trigger row (unique per member and episode,
 * so a second evaluation of the same episode fires nothing) and the module event {@link LapseFired}
 * with the stocking hint, in Spring Modulith's publication registry: both commit together or not at all.
 * The event's listeners do the rest once it committed: the CRM task and coupon ({@link LapseCrmFollowUp}),
 * the message to the store (routes/notify-lapse.yaml, through the webhook outbox: once per event id).
 */
@Component
class LapseFiring {
    private final JdbcTemplate hub;
    private final RhythmStore store;
    private final StockHints stock;
    private final PosMappings mappings;
    private final LapseSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LapseFiring(JdbcTemplate hub, RhythmStore store, StockHints stock, PosMappings mappings, LapseSettings settings,
                ApplicationEventPublisher events, Clock clock) {
        this.hub = hub;
        this.store = store;
        this.stock = stock;
        this.mappings = mappings;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    static String eventId(String card, LocalDate episode) {
        return "lapse:" + card + ":" + episode;
    }

    boolean fired(String card, LocalDate episode) {
        Integer n = hub.queryForObject("SELECT COUNT(*) FROM lapse_trigger WHERE card = ? AND episode_day = ?", Integer.class, card,
                Date.valueOf(episode));
        return n != null && n > 0;
    }

    boolean fire(MemberRhythm member, LocalDate episode, LocalDate today, int daysSilent, LapseVerdict verdict) {
        String eventId = eventId(member.card(), episode);
        Rhythm rhythm = store.rhythm(member.card(), today);
        String shop = rhythm.favouriteStore() != null ? rhythm.favouriteStore() : member.homeStore();
        try {
            hub.update("INSERT INTO lapse_trigger (card, episode_day, rule_name, score, days_silent, store, reason_zh, reason_en, event_id, "
                            + "fired_on, fired_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    member.card(), Date.valueOf(episode), verdict.rule(), finite(verdict.score()), daysSilent, shop, cut(verdict.reasonZh()),
                    cut(verdict.reasonEn()), eventId, Date.valueOf(today), Timestamp.valueOf(LocalDateTime.now(clock)));
        } catch (DuplicateKeyException firedAlready) {
            return false;
        }
        List<String> categories = rhythm.topCategories(3);
        List<String> items = rhythm.topItemsByStore().getOrDefault(shop, List.of());
        Map<String, Boolean> inStock = stock.inStock(mappingOrNull(), shop, items);
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        inStock.forEach((item, yes) -> {
            zh.add(item + (yes == null ? "" : yes ? "（有货）" : "（缺货，请补货）"));
            en.add(item + (yes == null ? "" : yes ? " (in stock)" : " (out of stock: restock)"));
        });
        events.publishEvent(new LapseFired(eventId, member.card(), member.tier(), episode, today, daysSilent, verdict.rule(), shop,
                verdict.reasonZh(), verdict.reasonEn(), categories, items, zh.isEmpty() ? "-" : String.join("、", zh),
                en.isEmpty() ? "-" : String.join(", ", en)));
        return true;
    }

    private PosSaleMapping mappingOrNull() {
        try {
            return mappings.get(settings.mapping());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }

    private static String cut(String s) {
        return s == null ? "" : s.length() <= 1000 ? s : s.substring(0, 999) + "…";
    }
}
