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

    public LineLoad(LineCalendar calendar, List<WorkOrder> openOrders) {
        this(calendar, new HashMap<>());
        for (WorkOrder o : openOrders) add(o.line(), o.plannedStart(), o.plannedEnd());
    }

    /** The load of scheduled hours per line and day worked out before (hub store cv_line_load). */
    public LineLoad(LineCalendar calendar, Map<String, Map<LocalDate, Double>> scheduledHours) {
        this.calendar = calendar;
        this.scheduled = scheduledHours;
    }

    /** Adds one open work order: the hours of the line's shifts between its planned start and end, per day. */
    public void add(String line, LocalDateTime plannedStart, LocalDateTime plannedEnd) {
        if (line == null || plannedStart == null || plannedEnd == null) return;
        // A shift starting the day before can run into the order's first day.
        for (LocalDate d = plannedStart.toLocalDate().minusDays(1); !d.isAfter(plannedEnd.toLocalDate()); d = d.plusDays(1)) {
            double hours = 0;
            for (LocalDateTime[] w : calendar.windows(line, d)) hours += overlapHours(plannedStart, plannedEnd, w[0], w[1]);
            if (hours > 0) scheduled.computeIfAbsent(line, k -> new HashMap<>()).merge(d, hours, Double::sum);
        }
    }

    /** Every line and day with scheduled hours (what cv_line_load keeps). */
    public Map<String, Map<LocalDate, Double>> scheduledHours() { return scheduled; }

    static double overlapHours(LocalDateTime aFrom, LocalDateTime aTo, LocalDateTime bFrom, LocalDateTime bTo) {
        LocalDateTime from = aFrom.isAfter(bFrom) ? aFrom : bFrom;
        LocalDateTime to = aTo.isBefore(bTo) ? aTo : bTo;
        return to.isAfter(from) ? Duration.between(from, to).toMinutes() / 60.0 : 0;
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
        double s = 0, a = 0;
        for (int i = 0; i < 7; i++) {
            s += scheduledHours(line, monday.plusDays(i));
            a += calendar.availableHours(line, monday.plusDays(i));
        }
        return a == 0 ? null : s / a;
    }

    /** Hours still free on the line that day (never negative). */
    public double freeHours(String line, LocalDate day) {
        return Math.max(0, calendar.availableHours(line, day) - scheduledHours(line, day));
    }

    /** The highest day load of the line between the two days (inclusive); null when it has no hours then. */
    public Double peakLoad(String line, LocalDate from, LocalDate to) {
        Double peak = null;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Double l = dayLoad(line, d);
            if (l != null && (peak == null || l > peak)) peak = l;
        }
        return peak;
    }
}
