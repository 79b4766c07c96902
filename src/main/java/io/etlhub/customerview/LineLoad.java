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
    private final Map<String, Map<LocalDate, Double>> scheduled = new HashMap<>();

    public LineLoad(LineCalendar calendar, List<WorkOrder> openOrders) {
        this.calendar = calendar;
        for (WorkOrder o : openOrders) {
            if (o.line() == null || o.plannedStart() == null || o.plannedEnd() == null) continue;
            // A shift starting the day before can run into the order's first day.
            for (LocalDate d = o.plannedStart().toLocalDate().minusDays(1); !d.isAfter(o.plannedEnd().toLocalDate()); d = d.plusDays(1)) {
                double hours = 0;
                for (LocalDateTime[] w : calendar.windows(o.line(), d)) hours += overlapHours(o.plannedStart(), o.plannedEnd(), w[0], w[1]);
                if (hours > 0) scheduled.computeIfAbsent(o.line(), k -> new HashMap<>()).merge(d, hours, Double::sum);
            }
        }
    }

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
