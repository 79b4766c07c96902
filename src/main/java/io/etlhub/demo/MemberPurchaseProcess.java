package io.etlhub.demo;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The BG/NBD story as a generator, seeded: each member buys at a Poisson rate lambda ~ Gamma(r, alpha) per
 * day from the first visit, and after each repeat visit drops out for good with probability p ~ Beta(a, b)
 * (the MBG/NBD story: after the first visit too).
 * Several purchases on one day are one visit. The member's dropout day (the day of the last visit before
 * leaving, null when still active at the end) is the ground truth the lapse backtest is judged against.
 */
public final class MemberPurchaseProcess {
    /** One simulated member: the drawn rate and dropout probability, the visit days, the dropout day. */
    public record Member(double rate, double dropoutProbability, List<LocalDate> visitDays, LocalDate dropoutDay) {}

    private final RandomGenerator random;
    private final GammaDistribution rates;
    private final BetaDistribution dropouts;
    private final boolean dropoutAfterFirst;

    /** The BG/NBD story. */
    public MemberPurchaseProcess(double r, double alpha, double a, double b, long seed) {
        this(r, alpha, a, b, seed, false);
    }

    /** With {@code dropoutAfterFirst}, the MBG/NBD story: a member may leave right after the first visit. */
    public MemberPurchaseProcess(double r, double alpha, double a, double b, long seed, boolean dropoutAfterFirst) {
        this.dropoutAfterFirst = dropoutAfterFirst;
        random = new Well19937c(seed);
        rates = new GammaDistribution(random, r, 1 / alpha);
        dropouts = new BetaDistribution(random, a, b);
    }

    /** A member whose first visit is {@code first}, followed up to {@code end} inclusive. */
    public Member next(LocalDate first, LocalDate end) {
        double rate = rates.sample();
        double p = dropouts.sample();
        long horizon = end.toEpochDay() - first.toEpochDay();
        List<LocalDate> days = new ArrayList<>(List.of(first));
        if (dropoutAfterFirst && random.nextDouble() < p) return new Member(rate, p, days, first);
        double t = 0;
        while (true) {
            t += -Math.log(1 - random.nextDouble()) / rate;
            if (t > horizon + 1) return new Member(rate, p, days, null);
            LocalDate day = first.plusDays((long) Math.floor(t));
            if (day.isAfter(end)) return new Member(rate, p, days, null);
            if (!day.equals(days.get(days.size() - 1))) days.add(day);
            if (random.nextDouble() < p) return new Member(rate, p, days, day);
        }
    }

    /** The generator's own random numbers, for the details around the visits (stores, items). */
    public RandomGenerator random() {
        return random;
    }
}
