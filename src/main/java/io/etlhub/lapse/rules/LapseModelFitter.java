package io.etlhub.lapse.rules;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fits BG/NBD and MBG/NBD for each tier or store that has enough members; a scope with fewer keeps no
 * model (its members are judged by the other rules until it grows).
 */
public final class LapseModelFitter {
    /** Below this many members a fit says little: no model for the scope. */
    public static final int MIN_MEMBERS = 30;

    /** The two fitted models of one scope, and how long the fit took. */
    public record ScopeFit(String scopeKey, BgNbdFit.Result bgNbd, BgNbdFit.Result mbgNbd, long millis) {}

    private LapseModelFitter() {}

    /** The fits are independent: each scope's two models are fitted side by side on the common pool's threads. */
    public static List<ScopeFit> fit(Map<String, ? extends Collection<PurchaseHistory>> byScope) {
        List<String> scopes = byScope.entrySet().stream().filter(e -> e.getValue().size() >= MIN_MEMBERS).map(Map.Entry::getKey).toList();
        return scopes.parallelStream().map(scope -> {
            long start = System.nanoTime();
            Collection<PurchaseHistory> histories = byScope.get(scope);
            List<BgNbdFit.Result> both = Stream.of(BgNbdModel.values()).parallel().map(m -> BgNbdFit.fit(m, histories)).toList();
            return new ScopeFit(scope, both.get(0), both.get(1), (System.nanoTime() - start) / 1_000_000);
        }).toList();
    }

    /** The fits as the rules look them up, for a run that does not go through the hub store (the backtest). */
    public static FittedModels inMemory(List<ScopeFit> fits, LapseRulesSettings.FitScope scope) {
        Map<String, ScopeFit> byKey = new LinkedHashMap<>();
        fits.forEach(f -> byKey.put(f.scopeKey(), f));
        return (model, member) -> {
            ScopeFit f = byKey.get(scope == LapseRulesSettings.FitScope.STORE ? member.homeStore() : member.tier());
            if (f == null) return null;
            return (model == BgNbdModel.BG_NBD ? f.bgNbd() : f.mbgNbd()).parameters();
        };
    }
}
