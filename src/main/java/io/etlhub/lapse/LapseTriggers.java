package io.etlhub.lapse;

import io.etlhub.lapse.rules.LapseVerdict;
import io.etlhub.lapse.rules.MemberRhythm;
import io.etlhub.connector.RowBatches;
import org.slf4j.Logger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides for a member whether the current lapse episode fires: the member's rhythm goes to the
 * tier's rules; the first that calls the member lapsed fires, once per episode ({@link LapseFiring}).
 * Called for the member of each sale (as of the sale's day) and for every silent member by the daily
 * route lapse-evaluate.
 */
@Service
public class LapseTriggers {
    private static final Logger log = LoggerFactory.getLogger(LapseTriggers.class);
    private static final Duration STORE_GAPS_KEPT = Duration.ofHours(1);

    private final RhythmStore store;
    private final LapseRuleSet rules;
    private final LapseFiring firing;
    private final LapseSettings settings;
    private final TransactionTemplate tx;
    private final JdbcTemplate hub;
    private final Map<String, StoreGaps> storeGaps = new ConcurrentHashMap<>();

    private record StoreGaps(List<Integer> gaps, long at) {}

    public LapseTriggers(RhythmStore store, LapseRuleSet rules, LapseFiring firing, LapseSettings settings, PlatformTransactionManager tm,
                         JdbcTemplate hub) {
        this.hub = hub;
        this.store = store;
        this.rules = rules;
        this.firing = firing;
        this.settings = settings;
        this.tx = new TransactionTemplate(tm);
    }

    public enum Decision { NO_MEMBER, ACTIVE, ALREADY_FIRED, FIRED }

    /** The member's rhythm as the rules see it. Null for a card without visits. */
    public MemberRhythm memberRhythm(String card, LocalDate today) {
        RhythmStore.Member m = store.member(card);
        if (m == null || m.lastDay() == null) return null;
        List<LocalDate> days = store.visits(card).stream().map(Rhythm.Visit::day).filter(d -> !d.isAfter(today)).distinct().toList();
        if (days.isEmpty()) return null;
        return new MemberRhythm(card, m.tier() == null ? settings.defaultTier() : m.tier(), m.homeStore(), days, gapsOf(m.homeStore(), today));
    }

    public List<LapseVerdict> verdicts(String card, LocalDate today) {
        MemberRhythm r = memberRhythm(card, today);
        return r == null ? List.of() : rules.verdicts(r, today);
    }

    /** Evaluates one member as of {@code today} in its own hub transaction. */
    public Decision evaluate(String card, LocalDate today) {
        return tx.execute(s -> decide(card, today));
    }

    /** Evaluates in the caller's hub transaction. */
    Decision decide(String card, LocalDate today) {
        MemberRhythm rhythm = memberRhythm(card, today);
        if (rhythm == null) return Decision.NO_MEMBER;
        return decide(rhythm, today, episode -> firing.fired(card, episode));
    }

    /**
     * The members a batch of the rhythm step touched, in its hub transaction: each as of every day its
     * lines in the batch were of, from the members' visits as the batch left them; their fired episodes
     * in one query. Returns how many fired.
     */
    long decideAll(Map<String, MemberVisitsCache.MemberVisits> members, Map<String, Set<LocalDate>> daysByCard) {
        Set<String> fired = firedEpisodes(daysByCard.keySet());
        long firedNow = 0;
        for (Map.Entry<String, Set<LocalDate>> e : daysByCard.entrySet()) {
            MemberVisitsCache.MemberVisits m = members.get(e.getKey());
            if (m == null || m.row() == null) continue;
            for (LocalDate today : e.getValue()) {
                List<LocalDate> days = m.visits().stream().map(Rhythm.Visit::day).filter(d -> !d.isAfter(today)).distinct().toList();
                if (days.isEmpty()) continue;
                RhythmStore.Member row = m.row();
                MemberRhythm rhythm = new MemberRhythm(row.card(), row.tier() == null ? settings.defaultTier() : row.tier(), row.homeStore(),
                        days, gapsOf(row.homeStore(), today));
                if (decide(rhythm, today, episode -> fired.contains(row.card() + "/" + episode)) == Decision.FIRED) {
                    fired.add(row.card() + "/" + days.get(days.size() - 1));
                    firedNow++;
                }
            }
        }
        return firedNow;
    }

    /** card/episode of every trigger of these members. */
    private Set<String> firedEpisodes(Collection<String> cards) {
        Set<String> out = new HashSet<>();
        for (List<String> chunk : RowBatches.chunks(List.copyOf(cards), RowBatches.IN_LIST)) {
            hub.query("SELECT card, episode_day FROM lapse_trigger WHERE card IN (" + RowBatches.marks(chunk.size()) + ")",
                    rs -> { out.add(rs.getString(1) + "/" + rs.getDate(2).toLocalDate()); }, chunk.toArray());
        }
        return out;
    }

    private Decision decide(MemberRhythm rhythm, LocalDate today, Predicate<LocalDate> firedAlready) {
        String card = rhythm.card();
        LocalDate episode = rhythm.visitDays().get(rhythm.visitDays().size() - 1);
        if (firedAlready.test(episode)) return Decision.ALREADY_FIRED;
        for (LapseVerdict v : rules.verdicts(rhythm, today)) {
            if (!v.lapsed()) continue;
            int silent = (int) ChronoUnit.DAYS.between(episode, today);
            return firing.fire(rhythm, episode, today, silent, v) ? Decision.FIRED : Decision.ALREADY_FIRED;
        }
        return Decision.ACTIVE;
    }

    /** Every member silent at least etlhub.lapse.min-silent-days whose episode has not fired; returns how many fired. */
    public long evaluateAll(LocalDate today) {
        long fired = 0;
        String after = null;
        while (true) {
            List<RhythmStore.Member> page = store.silentUnfired(today, settings.minSilentDays(), after, 500);
            if (page.isEmpty()) break;
            for (RhythmStore.Member m : page) {
                try {
                    if (evaluate(m.card(), today) == Decision.FIRED) fired++;
                } catch (RuntimeException e) {
                    // One member's bad data must not stop the others; the next run tries again.
                    log.warn("lapse evaluation of member {} failed: {}", m.card(), e.getMessage());
                }
            }
            after = page.get(page.size() - 1).card();
        }
        return fired;
    }

    /** The home store's gaps, kept an hour: they move slowly and every member of the store needs them. */
    private List<Integer> gapsOf(String homeStore, LocalDate today) {
        if (homeStore == null) return List.of();
        long now = System.nanoTime();
        StoreGaps g = storeGaps.get(homeStore);
        if (g == null || now - g.at() > STORE_GAPS_KEPT.toNanos()) {
            g = new StoreGaps(List.copyOf(store.storeGaps(homeStore, today, 200_000)), now);
            storeGaps.put(homeStore, g);
        }
        return g.gaps();
    }
}
