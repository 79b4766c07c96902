package io.etlhub.lapse.rules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A member's gap quantiles, shrunk toward the store's: with n own gaps and fewer than k (min-own-gaps),
 * Q = (n * Q_own + (k - n) * Q_store) / k; with n >= k, Q = Q_own. Quantiles interpolate linearly between
 * order statistics (Hyndman and Fan type 7, numpy's default). A store without gaps stands in with the
 * fixed floor. The store's gaps are sorted once per list (the callers pass the same list for a store).
 */
final class GapStatistics {
    private record Sorted(List<Integer> source, int[] gaps) {}

    private final AtomicReference<Sorted> lastStore = new AtomicReference<>();

    /** The member's typical gap (shrunk median), its shrunk q-quantile, and how many own gaps there were. */
    record Rhythm(double typical, double quantile, int ownGaps, boolean shrunk) {}

    Rhythm of(MemberRhythm member, LapseRulesSettings.Thresholds t) {
        int[] own = ownGaps(member.visitDays());
        int[] store = storeGaps(member.storeGapDays());
        return new Rhythm(shrunk(own, store, 0.5, t), shrunk(own, store, t.quantile(), t), own.length, own.length < t.minOwnGaps());
    }

    private static double shrunk(int[] own, int[] store, double q, LapseRulesSettings.Thresholds t) {
        int k = t.minOwnGaps();
        double storeQ = store.length == 0 ? t.floorDays() : quantile(store, q);
        if (own.length >= k) return quantile(own, q);
        double ownQ = own.length == 0 ? 0 : quantile(own, q);
        return (own.length * ownQ + (k - own.length) * storeQ) / k;
    }

    /** Linear interpolation between order statistics of sorted values: h = (n - 1) q. */
    static double quantile(int[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    static int[] ownGaps(List<LocalDate> days) {
        int[] gaps = new int[Math.max(0, days.size() - 1)];
        for (int i = 1; i < days.size(); i++) gaps[i - 1] = (int) ChronoUnit.DAYS.between(days.get(i - 1), days.get(i));
        Arrays.sort(gaps);
        return gaps;
    }

    private int[] storeGaps(List<Integer> gaps) {
        Sorted last = lastStore.get();
        if (last != null && last.source() == gaps) return last.gaps();
        int[] sorted = gaps.stream().mapToInt(Integer::intValue).sorted().toArray();
        lastStore.set(new Sorted(gaps, sorted));
        return sorted;
    }
}
