package io.etlhub.reconciliation;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** The dates a reconciliation covers, both ends included: a month (--period 2026-10) or any range (--from/--to). */
public record Period(LocalDate from, LocalDate to) {
    public Period {
        if (from == null || to == null) throw new IllegalArgumentException("a period needs both a start and an end date");
        if (to.isBefore(from)) throw new IllegalArgumentException("period end " + to + " is before its start " + from);
    }

    public static Period of(String period, String from, String to) {
        try {
            if (from != null || to != null) {
                if (from == null || to == null) throw new IllegalArgumentException("give both --from and --to (yyyy-MM-dd)");
                return new Period(LocalDate.parse(from.trim()), LocalDate.parse(to.trim()));
            }
            if (period == null || period.isBlank()) {
                throw new IllegalArgumentException("give --period yyyy-MM or --from yyyy-MM-dd --to yyyy-MM-dd");
            }
            YearMonth month = YearMonth.parse(period.trim());
            return new Period(month.atDay(1), month.atEndOfMonth());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad period date '" + e.getParsedString() + "': expected yyyy-MM for --period, yyyy-MM-dd for --from/--to");
        }
    }

    public boolean contains(LocalDate date) {
        return date != null && !date.isBefore(from) && !date.isAfter(to);
    }

    public String label() {
        YearMonth month = YearMonth.from(from);
        return from.equals(month.atDay(1)) && to.equals(month.atEndOfMonth()) ? month.toString() : from + ".." + to;
    }
}
