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
            // the change stream's connector: the route's source, else the one its from: names (etlhub-cdc:pos-cdc?...)
            String connector = route.source() != null && route.source().connector() != null ? route.source().connector()
                    : route.from().substring("etlhub-cdc:".length()).replaceFirst("^//", "").replaceFirst("\\?.*", "");
            return CheckLine.ok(subject, route.isEnabled() ? "check.route.changes" : "check.route.changes-stopped", connector);
        }
        if (RouteFileParser.EVENT_KIND.equals(route.kind())) {
            return CheckLine.ok(subject, route.isEnabled() ? "check.route.event" : "check.route.event-stopped",
                    route.from().substring(7).replaceFirst("^//", ""));
        }
        if (schedule == null || schedule.isBlank()) {
            return CheckLine.ok(subject, route.isEnabled() ? "check.route.on-demand" : "check.route.on-demand-disabled");
        }
        if (!route.isEnabled()) {
            return CheckLine.fail(subject, "check.route.disabled", schedule, file);
        }
        CronExpression cron;
        try {
            cron = new CronExpression(schedule);
        } catch (ParseException e) {
            return CheckLine.fail(subject, "check.route.bad-cron", schedule, e.getMessage(), file);
        }
        cron.setTimeZone(TimeZone.getTimeZone(zone));
        Date next = cron.getNextValidTimeAfter(now);
        if (next == null) {
            return CheckLine.fail(subject, "check.route.never-fires", schedule, file);
        }
        return CheckLine.ok(subject, "check.route.next-run", ZonedDateTime.ofInstant(next.toInstant(), zone).format(MINUTE), zone.toString());
    }
}
