package io.etlhub.lapse;

import io.etlhub.pipeline.RouteDefinition;
import io.etlhub.pipeline.RunContext;
import io.etlhub.pipeline.RouteJob;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code etlhub:lapse-evaluate}: the daily decision for every silent member whose lapse episode has
 * not fired (routes/lapse-evaluate.yaml). Parameter {@code date} (yyyy-MM-dd) evaluates as of another day.
 */
@Component
class LapseEvaluateJob implements RouteJob {
    private final LapseTriggers triggers;
    private final Clock clock;

    LapseEvaluateJob(LapseTriggers triggers, Clock clock) {
        this.triggers = triggers;
        this.clock = clock;
    }

    @Override
    public String kind() { return "lapse-evaluate"; }

    @Override
    public List<String> counters() { return List.of("fired"); }

    @Override
    public void run(RouteDefinition route, RunContext context) {
        LocalDate today = day(context.parameter("date"), clock);
        context.set("fired", triggers.evaluateAll(today));
        context.output("date", today.toString());
    }

    static LocalDate day(String text, Clock clock) {
        if (text == null || text.isBlank()) return LocalDate.now(clock);
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("parameter date must be yyyy-MM-dd, found '" + text + "'");
        }
    }
}
