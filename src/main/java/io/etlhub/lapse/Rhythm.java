package io.etlhub.lapse;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A member's purchase rhythm: visit days and the gaps between them (all history), and over the
 * window (default 90 days up to today) spend by category and by store and the most bought items per
 * store; the favourite store over the window up to the last visit. A return lowers spend and is no visit; a day with visits to two stores
 * is one visit day.
 */
public record Rhythm(String card, List<LocalDate> visitDays, List<Integer> gaps, Map<String, BigDecimal> spendByCategory,
                     Map<String, BigDecimal> spendByStore, String favouriteStore, Map<String, List<String>> topItemsByStore) {

    /** A visit: a day the member bought something (not only returned) in a store. */
    public record Visit(LocalDate day, String store) {}

    public LocalDate lastVisit() {
        return visitDays.isEmpty() ? null : visitDays.get(visitDays.size() - 1);
    }

    public Integer daysSilent(LocalDate today) {
        LocalDate last = lastVisit();
        return last == null ? null : (int) ChronoUnit.DAYS.between(last, today);
    }

    /** The categories with the largest spend in the window, largest first. */
    public List<String> topCategories(int n) {
        return spendByCategory.entrySet().stream().filter(e -> e.getValue().signum() > 0)
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed()).limit(n).map(Map.Entry::getKey).toList();
    }

    /** The visits a member's lines make: every line that is not a return, by day and store. */
    public static List<Visit> visitsOf(List<SaleLine> lines) {
        return lines.stream().filter(l -> !l.isReturn()).map(l -> new Visit(l.day(), l.store())).distinct()
                .sorted(Comparator.comparing(Visit::day).thenComparing(Visit::store)).toList();
    }

    public static Rhythm of(String card, List<Visit> visits, List<SaleLine> lines, LocalDate today, int windowDays, int topItems) {
        LocalDate from = today.minusDays(windowDays - 1L);
        List<LocalDate> days = new ArrayList<>(new TreeSet<>(visits.stream().map(Visit::day).toList()));
        List<Integer> gaps = new ArrayList<>();
        for (int i = 1; i < days.size(); i++) gaps.add((int) ChronoUnit.DAYS.between(days.get(i - 1), days.get(i)));
        List<SaleLine> recent = lines.stream().filter(l -> !l.day().isBefore(from) && !l.day().isAfter(today)).toList();
        Map<String, BigDecimal> byCategory = sum(recent, l -> l.category() == null ? "-" : l.category());
        Map<String, BigDecimal> byStore = sum(recent, SaleLine::store);
        Map<String, List<String>> topByStore = new TreeMap<>();
        recent.stream().collect(Collectors.groupingBy(SaleLine::store, TreeMap::new,
                        Collectors.groupingBy(SaleLine::item, Collectors.reducing(BigDecimal.ZERO, SaleLine::quantity, BigDecimal::add))))
                .forEach((store, items) -> topByStore.put(store, items.entrySet().stream().filter(e -> e.getValue().signum() > 0)
                        .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                        .limit(topItems).map(Map.Entry::getKey).toList()));
        String favourite = days.isEmpty() ? null : favouriteStore(visits, days.get(days.size() - 1).minusDays(windowDays - 1L));
        return new Rhythm(card, days, gaps, byCategory, byStore, favourite, topByStore);
    }

    /**
     * The store with the most visit days in the window from {@code from} (the window up to the last
     * visit, so it changes only with a visit); a tie goes to the later visit, then the smaller store
     * code. A member who moved to another store belongs to it once most of the window's visits are there.
     */
    static String favouriteStore(List<Visit> visits, LocalDate from) {
        Map<String, Long> count = new TreeMap<>();
        Map<String, LocalDate> last = new TreeMap<>();
        for (Visit v : visits) {
            if (v.day().isBefore(from)) continue;
            count.merge(v.store(), 1L, Long::sum);
            last.merge(v.store(), v.day(), (a, b) -> a.isAfter(b) ? a : b);
        }
        String best = null;
        for (String s : count.keySet()) {
            if (best == null || count.get(s) > count.get(best) || count.get(s).equals(count.get(best)) && last.get(s).isAfter(last.get(best))) {
                best = s;
            }
        }
        return best;
    }

    private static Map<String, BigDecimal> sum(List<SaleLine> lines, java.util.function.Function<SaleLine, String> key) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (SaleLine l : lines) out.merge(key.apply(l), l.amount(), BigDecimal::add);
        return out;
    }
}
