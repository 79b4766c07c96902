package io.etlhub.quality;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** A calendar month in CRM local time: [first day 00:00, first day of the next month 00:00). */
public record ReportPeriod(YearMonth month) {

    public static ReportPeriod parse(String text) {
        try {
            return new ReportPeriod(YearMonth.parse(text.trim()));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new io.etlhub.pipeline.Refusal("month must look like 2026-10, found '" + text + "'", "quality.param.badMonth", text);
        }
    }

    public LocalDateTime start() { return month.atDay(1).atStartOfDay(); }

    public LocalDateTime end() { return month.plusMonths(1).atDay(1).atStartOfDay(); }

    public Timestamp startTs() { return Timestamp.valueOf(start()); }

    public Timestamp endTs() { return Timestamp.valueOf(end()); }

    public ReportPeriod previous() { return new ReportPeriod(month.minusMonths(1)); }

    @Override
    public String toString() { return month.toString(); }
}
