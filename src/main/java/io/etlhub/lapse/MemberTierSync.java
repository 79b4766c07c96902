package io.etlhub.lapse;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Brings the rhythm's member tiers in line with the POS (the daily evaluation's first step): the rules and
 * models are chosen per tier, and a member's tier changes in the POS (a card upgraded to VIP) without a sale.
 * A member the POS gives no tier gets {@code etlhub.lapse.default-tier}; members not yet in the rhythm get
 * their tier with their first visit's row and the next sync. Written in batches, each its own transaction:
 * a sync cut short leaves some tiers new and some old, and the next one finishes it.
 */
@Component
class MemberTierSync {
    private static final int BATCH = 1000;

    private final PosMemberTiers tiers;
    private final JdbcTemplate hub;
    private final TransactionTemplate tx;
    private final LapseSettings settings;

    MemberTierSync(PosMemberTiers tiers, JdbcTemplate hub, PlatformTransactionManager tm, LapseSettings settings) {
        this.tiers = tiers;
        this.hub = hub;
        this.tx = new TransactionTemplate(tm);
        this.settings = settings;
    }

    /** Returns how many members' tiers changed. */
    long sync(String connector, PosSaleMapping mapping) {
        long[] changed = {0};
        List<Object[]> batch = new ArrayList<>(BATCH);
        tiers.each(connector, mapping, (card, tier) -> {
            String wanted = tier == null ? settings.defaultTier() : tier;
            batch.add(new Object[] {wanted, card, wanted});
            if (batch.size() == BATCH) changed[0] += write(batch);
        });
        changed[0] += write(batch);
        return changed[0];
    }

    private long write(List<Object[]> batch) {
        if (batch.isEmpty()) return 0;
        int[] counts = tx.execute(s -> hub.batchUpdate("UPDATE lapse_member SET tier = ? WHERE card = ? AND tier <> ?", batch));
        batch.clear();
        long n = 0;
        for (int c : counts) n += Math.max(c, 0);
        return n;
    }
}
