package io.etlhub.reconciliation;

import io.etlhub.pipeline.Refusal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** The dates a reconciliation covers, both ends included: a month (--period 2026-10) or any range (--from/--to). */
public record Period(LocalDate from, LocalDate to) {
    public Period {
        if (from == null || to == null) throw new Refusal("a period needs both a start and an end date", "reconciliation.param.fromTo");
        if (to.isBefore(from)) throw new Refusal("period end " + to + " is before its start " + from, "reconciliation.param.endBeforeStart", to, from);
    }

    /** The CLI's and the API's period: refused with the CLI's English message (logs, the CLI) and a bundle key (the API). */
    public static Period of(String period, String from, String to) {
        try {
            if (from != null || to != null) {
                if (from == null || to == null) throw new Refusal("give both --from and --to (yyyy-MM-dd)", "reconciliation.param.fromTo");
                return new Period(LocalDate.parse(from.trim()), LocalDate.parse(to.trim()));
            }
            if (period == null || period.isBlank()) {
                throw new Refusal("give --period yyyy-MM or --from yyyy-MM-dd --to yyyy-MM-dd", "reconciliation.param.noPeriod");
            }
            YearMonth month = YearMonth.parse(period.trim());
            return new Period(month.atDay(1), month.atEndOfMonth());
        } catch (DateTimeParseException e) {
            throw new Refusal("bad period date '" + e.getParsedString() + "': expected yyyy-MM for --period, yyyy-MM-dd for --from/--to",
                    from != null || to != null ? "reconciliation.param.badDate" : "reconciliation.param.badPeriod",
                    from != null || to != null ? new Object[] {"from/to", e.getParsedString()} : new Object[] {e.getParsedString()});
        }
    }

    /**
     * The period of a run by hand (period, or from and to): a value that is not a date is refused with a bundle text
     * naming the field and the value, never the CLI's flags.
     */
    static Period ofRunParameters(java.util.Map<String, String> parameters) {
        String period = blankToNull(parameters.get("period"));
        String from = blankToNull(parameters.get("from"));
        String to = blankToNull(parameters.get("to"));
        if (from != null || to != null) {
            if (from == null || to == null) throw new io.etlhub.pipeline.BadRunParameterException("reconciliation.param.fromTo");
            LocalDate start = date("from", from);
            LocalDate end = date("to", to);
            if (end.isBefore(start)) throw new io.etlhub.pipeline.BadRunParameterException("reconciliation.param.endBeforeStart", end, start);
            return new Period(start, end);
        }
        if (period == null) throw new io.etlhub.pipeline.BadRunParameterException("reconciliation.param.noPeriod");
        try {
            YearMonth month = YearMonth.parse(period);
            return new Period(month.atDay(1), month.atEndOfMonth());
        } catch (DateTimeParseException e) {
            throw new io.etlhub.pipeline.BadRunParameterException("reconciliation.param.badPeriod", period);
        }
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new io.etlhub.pipeline.BadRunParameterException("reconciliation.param.badDate", field, value);
        }
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }

    public boolean contains(LocalDate date) {
        return date != null && !date.isBefore(from) && !date.isAfter(to);
    }

    public String label() {
        YearMonth month = YearMonth.from(from);
        return from.equals(month.atDay(1)) && to.equals(month.atEndOfMonth()) ? month.toString() : from + ".." + to;
    }
}
