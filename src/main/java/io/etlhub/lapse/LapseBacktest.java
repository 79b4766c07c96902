package io.etlhub.lapse;

import io.etlhub.lapse.rules.FittedModels;
import io.etlhub.lapse.rules.FixedLapseRule;
import io.etlhub.lapse.rules.LapseModelFitter;
import io.etlhub.lapse.rules.LapseReasons;
import io.etlhub.lapse.rules.LapseRule;
import io.etlhub.lapse.rules.LapseRulesSettings;
import io.etlhub.lapse.rules.MemberRhythm;
import io.etlhub.lapse.rules.PersonalLapseRule;
import io.etlhub.lapse.rules.ProbabilisticLapseRule;
import io.etlhub.lapse.rules.PurchaseHistory;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays the POS history up to a date and judges every rule against what happened next. Judged: members
 * with a visit on or before the date and their last visit at most activeWithin days before it (members
 * silent longer lapsed long ago: every rule has fired on them). The models are fitted on the history up to
 * the date only. A rule's trigger is the first day after the member's last visit on which it calls the member
 * lapsed (all three rules only grow more certain with each silent day, so a bisection finds it); it fired
 * when that day is on or before the date. Per rule: precision = fired members with no visit within the
 * horizon after the date / fired; recall = those / all members with no visit within the horizon; median
 * days from the last visit to the trigger. With a ground truth (dropout days), the same against "had
 * dropped out by the date".
 */
final class LapseBacktest {
    record RuleResult(String rule, int fired, double precision, double recall, Double medianDaysToTrigger,
                      Double precisionVsDropout, Double recallVsDropout) {}

    record Result(LocalDate until, int horizon, int activeWithin, int judged, int notBack, Integer droppedOut,
                  List<LapseModelFitter.ScopeFit> models, List<RuleResult> rules) {}

    private LapseBacktest() {}

    static Result run(List<PosVisits.Member> pos, LocalDate until, int horizon, int activeWithin, LapseRulesSettings settings,
                      LapseReasons reasons, String defaultTier, Map<String, LocalDate> dropoutDays, boolean truthKnown) {
        // History up to the date; home store = most visited store up to the date.
        List<MemberRhythm> members = new ArrayList<>();
        Map<String, Boolean> cameBack = new HashMap<>();
        Map<String, List<Integer>> storeGaps = new HashMap<>();
        Map<String, List<PurchaseHistory>> byScope = new LinkedHashMap<>();
        List<MemberRhythm> everyone = new ArrayList<>();
        for (PosVisits.Member m : pos) {
            List<LocalDate> days = new ArrayList<>();
            Map<String, Integer> storeVisits = new HashMap<>();
            boolean back = false;
            for (int i = 0; i < m.days().size(); i++) {
                LocalDate d = m.days().get(i);
                if (d.isAfter(until)) {
                    if (!d.isAfter(until.plusDays(horizon))) back = true;
                    continue;
                }
                if (days.isEmpty() || !days.get(days.size() - 1).equals(d)) days.add(d);
                storeVisits.merge(m.stores().get(i), 1, Integer::sum);
            }
            if (days.isEmpty()) continue;
            String home = storeVisits.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
            String tier = m.tier() == null ? defaultTier : m.tier();
            MemberRhythm r = new MemberRhythm(m.card(), tier, home, days, null);
            everyone.add(r);
            for (int i = 1; i < days.size(); i++) {
                storeGaps.computeIfAbsent(home, k -> new ArrayList<>()).add((int) ChronoUnit.DAYS.between(days.get(i - 1), days.get(i)));
            }
            String scope = settings.fitBy() == LapseRulesSettings.FitScope.STORE ? home : tier;
            byScope.computeIfAbsent(scope, k -> new ArrayList<>()).add(PurchaseHistory.of(days, until));
            cameBack.put(m.card(), back);
        }
        for (MemberRhythm r : everyone) {
            if (ChronoUnit.DAYS.between(last(r), until) > activeWithin) continue;
            // One list per store: the personal rule sorts it once.
            members.add(new MemberRhythm(r.card(), r.tier(), r.homeStore(), r.visitDays(), storeGaps.getOrDefault(r.homeStore(), List.of())));
        }
        members.sort(Comparator.comparing(MemberRhythm::homeStore).thenComparing(MemberRhythm::card));
        List<LapseModelFitter.ScopeFit> fits = LapseModelFitter.fit(byScope);
        FittedModels models = LapseModelFitter.inMemory(fits, settings.fitBy());
        List<LapseRule> rules = List.of(new FixedLapseRule(settings, reasons), new PersonalLapseRule(settings, reasons),
                new ProbabilisticLapseRule(settings, reasons, models));

        int notBack = (int) members.stream().filter(r -> !cameBack.get(r.card())).count();
        Integer dropped = truthKnown ? (int) members.stream().filter(r -> droppedBy(dropoutDays, r.card(), until)).count() : null;
        List<RuleResult> results = new ArrayList<>();
        for (LapseRule rule : rules) {
            int fired = 0, firedNotBack = 0, firedDropped = 0;
            List<Long> daysToTrigger = new ArrayList<>();
            for (MemberRhythm r : members) {
                LocalDate trigger = firstLapsedDay(rule, r, until);
                if (trigger == null) continue;
                fired++;
                daysToTrigger.add(ChronoUnit.DAYS.between(last(r), trigger));
                if (!cameBack.get(r.card())) firedNotBack++;
                if (truthKnown && droppedBy(dropoutDays, r.card(), until)) firedDropped++;
            }
            results.add(new RuleResult(rule.name(), fired, ratio(firedNotBack, fired), ratio(firedNotBack, notBack), median(daysToTrigger),
                    truthKnown ? ratio(firedDropped, fired) : null, truthKnown ? ratio(firedDropped, dropped) : null));
        }
        return new Result(until, horizon, activeWithin, members.size(), notBack, dropped, fits, results);
    }

    /** The first day after the last visit, up to the date, on which the rule calls the member lapsed; null if none. */
    static LocalDate firstLapsedDay(LapseRule rule, MemberRhythm member, LocalDate until) {
        LocalDate lo = last(member).plusDays(1);
        if (lo.isAfter(until) || !rule.evaluate(member, until).lapsed()) return null;
        LocalDate hi = until;
        while (lo.isBefore(hi)) {
            LocalDate mid = lo.plusDays(ChronoUnit.DAYS.between(lo, hi) / 2);
            if (rule.evaluate(member, mid).lapsed()) hi = mid;
            else lo = mid.plusDays(1);
        }
        return hi;
    }

    private static boolean droppedBy(Map<String, LocalDate> dropoutDays, String card, LocalDate until) {
        LocalDate d = dropoutDays.get(card);
        return d != null && !d.isAfter(until);
    }

    private static LocalDate last(MemberRhythm r) {
        return r.visitDays().get(r.visitDays().size() - 1);
    }

    private static double ratio(int part, Integer whole) {
        return whole == null || whole == 0 ? 0 : (double) part / whole;
    }

    private static Double median(List<Long> values) {
        if (values.isEmpty()) return null;
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
