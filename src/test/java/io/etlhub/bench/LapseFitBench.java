package io.etlhub.bench;

import io.etlhub.demo.MemberPurchaseProcess;
import io.etlhub.lapse.rules.BgNbdFit;
import io.etlhub.lapse.rules.LapseModelFitter;
import io.etlhub.lapse.rules.PurchaseHistory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model fit of issue 13 (goal: under 30 s for 500,000 members): BG/NBD and MBG/NBD fitted by maximum
 * likelihood on MEMBERS members (default 500,000) simulated from known parameters in two tiers (the demo's:
 * VIP about weekly, normal about monthly), first visits spread over 600 days. Times the fit only
 * (LapseModelFitter.fit, what etlhub:lapse-fit runs after reading the visits) and prints the parameters found
 * beside the true ones. Run by bench/lapse-fit.sh.
 */
public final class LapseFitBench {
    static final int MEMBERS = Integer.getInteger("bench.members", 500_000);

    public static void main(String[] args) {
        LocalDate end = LocalDate.of(2026, 9, 30);
        Map<String, double[]> truth = new LinkedHashMap<>();
        truth.put("VIP", new double[]{2.0, 14, 1.0, 12});
        truth.put("normal", new double[]{1.5, 45, 1.0, 6});
        Map<String, List<PurchaseHistory>> byTier = new LinkedHashMap<>();
        long simulated = System.nanoTime();
        int t = 0;
        for (Map.Entry<String, double[]> e : truth.entrySet()) {
            double[] p = e.getValue();
            MemberPurchaseProcess process = new MemberPurchaseProcess(p[0], p[1], p[2], p[3], 20261124L + t++);
            List<PurchaseHistory> histories = new ArrayList<>();
            int n = e.getKey().equals("VIP") ? MEMBERS * 3 / 10 : MEMBERS - MEMBERS * 3 / 10;
            for (int i = 0; i < n; i++) {
                LocalDate first = end.minusDays(30 + process.random().nextInt(600));
                histories.add(PurchaseHistory.of(process.next(first, end).visitDays(), end));
            }
            byTier.put(e.getKey(), histories);
        }
        System.out.printf(Locale.ROOT, "simulated %,d members in %.1f s%n", MEMBERS, (System.nanoTime() - simulated) / 1e9);
        long start = System.nanoTime();
        List<LapseModelFitter.ScopeFit> fits = LapseModelFitter.fit(byTier);
        double seconds = (System.nanoTime() - start) / 1e9;
        for (LapseModelFitter.ScopeFit f : fits) {
            double[] p = truth.get(f.scopeKey());
            System.out.printf(Locale.ROOT, "tier %s (%,d members, truth r=%.2f alpha=%.1f a=%.2f b=%.2f): %s; %s; %.1f s%n", f.scopeKey(),
                    f.bgNbd().members(), p[0], p[1], p[2], p[3], shown(f.bgNbd()), shown(f.mbgNbd()), f.millis() / 1000.0);
        }
        System.out.printf(Locale.ROOT, "fit of %,d members (BG/NBD and MBG/NBD per tier): %.1f s%n", MEMBERS, seconds);
        System.exit(0);
    }

    private static String shown(BgNbdFit.Result r) {
        return String.format(Locale.ROOT, "%s r=%.3f alpha=%.2f a=%.3f b=%.3f (%d evaluations)", r.model(), r.parameters().r(),
                r.parameters().alpha(), r.parameters().a(), r.parameters().b(), r.evaluations());
    }
}
