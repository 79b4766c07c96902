package io.etlhub.pipeline;

import io.etlhub.connector.CheckLine;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.TimeZone;

/** Will the route's schedule fire again: enabled, a valid Quartz cron, and a next fire time after now. */
final class ScheduleCheck {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ScheduleCheck() {}

    static CheckLine check(RouteDefinition route, ZoneId zone, Date now) {
        String subject = "route " + route.id();
        String file = "routes/" + (route.file() == null ? route.id() + ".yaml" : route.file().getFileName());
        String schedule = route.schedule();
        if (route.from() != null && route.from().startsWith("etlhub-cdc:")) {
            return CheckLine.ok(subject, "takes the changes of connector " + route.source().connector() + " as they come"
                    + (route.isEnabled() ? "" : ", stopped"));
        }
        if (RouteFileParser.EVENT_KIND.equals(route.kind())) {
            return CheckLine.ok(subject, "runs on each event " + route.from().substring(7).replaceFirst("^//", "")
                    + (route.isEnabled() ? "" : ", stopped"));
        }
        if (schedule == null || schedule.isBlank()) {
            return CheckLine.ok(subject, "runs on demand (no schedule)" + (route.isEnabled() ? "" : ", disabled"));
        }
        if (!route.isEnabled()) {
            return CheckLine.fail(subject, "disabled: its schedule '" + schedule + "' does not fire; start it on the console's routes page "
                    + "or set autoStartup: true in " + file);
        }
        CronExpression cron;
        try {
            cron = new CronExpression(schedule);
        } catch (ParseException e) {
            return CheckLine.fail(subject, "schedule '" + schedule + "' is not a valid Quartz cron (" + e.getMessage() + "): correct it in " + file);
        }
        cron.setTimeZone(TimeZone.getTimeZone(zone));
        Date next = cron.getNextValidTimeAfter(now);
        if (next == null) {
            return CheckLine.fail(subject, "schedule '" + schedule + "' never fires again (no time after now): correct it in " + file);
        }
        return CheckLine.ok(subject, "next scheduled run " + ZonedDateTime.ofInstant(next.toInstant(), zone).format(MINUTE) + " (" + zone + ")");
    }
}
