package io.etlhub.customerview;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When each production line works: its shifts (start and end time of day; an end at or before the start
 * runs past midnight) on every day that is not a holiday. Available hours of a line on a day = the
 * length of its shifts, 0 on a holiday.
 */
public final class LineCalendar {
    public record Shift(LocalTime start, LocalTime end) {
        double hours() {
            long minutes = Duration.between(start, end).toMinutes();
            return (minutes <= 0 ? minutes + 24 * 60 : minutes) / 60.0;
        }
    }

    private final Map<String, List<Shift>> shifts = new HashMap<>();
    private final Set<LocalDate> holidays;

    public LineCalendar(Map<String, List<Shift>> shiftsByLine, Set<LocalDate> holidays) {
        shiftsByLine.forEach((line, s) -> shifts.put(line, List.copyOf(s)));
        this.holidays = Set.copyOf(holidays);
    }

    public Set<String> lines() { return shifts.keySet(); }

    /** The same shifts per line (in the same order) and the same holidays: the line load worked out with one holds for the other. */
    @Override
    public boolean equals(Object o) {
        return o instanceof LineCalendar c && shifts.equals(c.shifts) && holidays.equals(c.holidays);
    }

    @Override
    public int hashCode() { return 31 * shifts.hashCode() + holidays.hashCode(); }

    public boolean holiday(LocalDate day) { return holidays.contains(day); }

    public double availableHours(String line, LocalDate day) {
        if (holiday(day)) return 0;
        return shifts.getOrDefault(line, List.of()).stream().mapToDouble(Shift::hours).sum();
    }

    /** The line's working periods that start on this day. */
    public List<LocalDateTime[]> windows(String line, LocalDate day) {
        List<LocalDateTime[]> out = new ArrayList<>();
        if (holiday(day)) return out;
        for (Shift s : shifts.getOrDefault(line, List.of())) {
            LocalDateTime from = day.atTime(s.start());
            out.add(new LocalDateTime[] {from, from.plusMinutes(Math.round(s.hours() * 60))});
        }
        return out;
    }
}
