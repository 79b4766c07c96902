package io.etlhub.customerview;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Line load = scheduled hours / available hours, per line and day or ISO week (Monday to Sunday). A
 * work order occupies its line during the line's shifts between its planned start and end, so two
 * orders side by side on one line make a load of 2 (200 %).
 */
public final class LineLoad {
    private final LineCalendar calendar;
    private final Map<String, Map<LocalDate, Double>> scheduled;
    /** Per line, its days worked out for peak and week loads (dropped when an order is added to the line). */
    private final Map<String, Days> days = new java.util.concurrent.ConcurrentHashMap<>();

    public LineLoad(LineCalendar calendar, List<WorkOrder> openOrders) {
        this(calendar, new HashMap<>());
        for (WorkOrder o : openOrders) add(o.line(), o.plannedStart(), o.plannedEnd());
    }

    /** The load of scheduled hours per line and day worked out before (hub store cv_line_load). */
    public LineLoad(LineCalendar calendar, Map<String, Map<LocalDate, Double>> scheduledHours) {
        this.calendar = calendar;
        this.scheduled = scheduledHours;
    }

    /**
     * Adds one open work order: the hours of the line's shifts between its planned start and end, per day the shift
     * starts on. Summed as whole minutes, so that the load of a day does not depend on the order the work orders
     * come in (a day worked out again alone equals the same day of a full rebuild).
     */
    public void add(String line, LocalDateTime plannedStart, LocalDateTime plannedEnd) {
        if (line == null || plannedStart == null || plannedEnd == null) return;
        for (LocalDate d = firstDay(plannedStart); !d.isAfter(lastDay(plannedEnd)); d = d.plusDays(1)) {
            long minutes = 0;
            for (LocalDateTime[] w : calendar.windows(line, d)) minutes += overlapMinutes(plannedStart, plannedEnd, w[0], w[1]);
            if (minutes > 0) scheduled.computeIfAbsent(line, k -> new HashMap<>()).merge(d, minutes / 60.0, LineLoad::plusMinutes);
        }
        days.remove(line);
    }

    /** The first day whose shifts a work order starting then can occupy: a shift starting the day before can run into it. */
    static LocalDate firstDay(LocalDateTime plannedStart) { return plannedStart.toLocalDate().minusDays(1); }

    /** The last day whose shifts a work order ending then can occupy. */
    static LocalDate lastDay(LocalDateTime plannedEnd) { return plannedEnd.toLocalDate(); }

    /** Hours that are whole minutes, added as minutes (exact, whatever the order). */
    private static double plusMinutes(double a, double b) {
        return (Math.round(a * 60) + Math.round(b * 60)) / 60.0;
    }

    /** This load with the scheduled hours of some lines and days replaced (0 or absent: none scheduled). */
    LineLoad with(Map<String, Map<LocalDate, Double>> replaced) {
        Map<String, Map<LocalDate, Double>> copy = new HashMap<>();
        scheduled.forEach((line, days) -> copy.put(line, new HashMap<>(days)));
        replaced.forEach((line, days) -> days.forEach((day, hours) -> copy.computeIfAbsent(line, k -> new HashMap<>()).put(day, hours)));
        return new LineLoad(calendar, copy);
    }

    /** Every line and day with scheduled hours (what cv_line_load keeps). */
    public Map<String, Map<LocalDate, Double>> scheduledHours() { return scheduled; }

    static double overlapHours(LocalDateTime aFrom, LocalDateTime aTo, LocalDateTime bFrom, LocalDateTime bTo) {
        return overlapMinutes(aFrom, aTo, bFrom, bTo) / 60.0;
    }

    private static long overlapMinutes(LocalDateTime aFrom, LocalDateTime aTo, LocalDateTime bFrom, LocalDateTime bTo) {
        LocalDateTime from = aFrom.isAfter(bFrom) ? aFrom : bFrom;
        LocalDateTime to = aTo.isBefore(bTo) ? aTo : bTo;
        return to.isAfter(from) ? Duration.between(from, to).toMinutes() : 0;
    }

    public LineCalendar calendar() { return calendar; }

    public double scheduledHours(String line, LocalDate day) {
        return scheduled.getOrDefault(line, Map.of()).getOrDefault(day, 0.0);
    }

    /** Scheduled / available on the day; null when the line has no hours that day. */
    public Double dayLoad(String line, LocalDate day) {
        double available = calendar.availableHours(line, day);
        return available == 0 ? null : scheduledHours(line, day) / available;
    }

    /** Scheduled / available over the ISO week that holds the day. */
    public Double weekLoad(String line, LocalDate anyDay) {
        LocalDate monday = anyDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Days days = days(line, monday, monday.plusDays(6));
        int at = days.index(monday);
        double s = 0, a = 0;
        for (int i = at; i < at + 7; i++) {
            s += days.scheduled[i];
            a += days.available[i];
        }
        return a == 0 ? null : s / a;
    }

    /** Hours still free on the line that day (never negative). */
    public double freeHours(String line, LocalDate day) {
        return Math.max(0, calendar.availableHours(line, day) - scheduledHours(line, day));
    }

    /** The highest day load of the line between the two days (inclusive); null when it has no hours then. */
    public Double peakLoad(String line, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) return null;
        Days days = days(line, from, to);
        Double peak = null;
        for (int i = days.index(from), last = days.index(to); i <= last; i++) {
            if (days.available[i] == 0) continue;
            double l = days.scheduled[i] / days.available[i];
            if (peak == null || l > peak) peak = l;
        }
        return peak;
    }

    /**
     * A line's scheduled and available hours per day over a span, worked out once: a view page asks for the peak over
     * every customer's window on each of their lines, which would otherwise look each day up again and again.
     */
    private static final class Days {
        final LocalDate first;
        final double[] scheduled, available;

        Days(LineLoad load, String line, LocalDate first, LocalDate last) {
            this.first = first;
            int n = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
            scheduled = new double[n];
            available = new double[n];
            for (int i = 0; i < n; i++) {
                scheduled[i] = load.scheduledHours(line, first.plusDays(i));
                available[i] = load.calendar.availableHours(line, first.plusDays(i));
            }
        }

        int index(LocalDate day) { return (int) (day.toEpochDay() - first.toEpochDay()); }

        boolean covers(LocalDate from, LocalDate to) { return index(from) >= 0 && index(to) < scheduled.length; }
    }

    /** The cached days of the line, widened to cover from..to when they do not (a few weeks beyond, for the next asks). */
    private Days days(String line, LocalDate from, LocalDate to) {
        Days d = days.get(line);
        if (d != null && d.covers(from, to)) return d;
        LocalDate first = d == null || from.isBefore(d.first) ? from.minusDays(31) : d.first;
        LocalDate last = d == null || to.isAfter(d.first.plusDays(d.scheduled.length - 1)) ? to.plusDays(31) : d.first.plusDays(d.scheduled.length - 1);
        d = new Days(this, line, first, last);
        days.put(line, d);
        return d;
    }
}
