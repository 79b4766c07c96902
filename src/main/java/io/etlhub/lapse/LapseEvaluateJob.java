package io.etlhub.lapse;

import io.etlhub.connector.TableNeed;
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
 * not fired (routes/lapse-evaluate.yaml). With a {@code source} (the POS's jdbc connector, mapping
 * {@code sourceMapping} or etlhub.lapse.mapping) the members' tiers are first taken from the POS's member
 * table, so each member is judged by the rules of the tier the POS gives now. Parameter {@code date}
 * (yyyy-MM-dd) evaluates as of another day.
 */
@Component
class LapseEvaluateJob implements RouteJob {
    private final LapseTriggers triggers;
    private final MemberTierSync tierSync;
    private final PosMappings mappings;
    private final LapseSettings settings;
    private final Clock clock;

    LapseEvaluateJob(LapseTriggers triggers, MemberTierSync tierSync, PosMappings mappings, LapseSettings settings, Clock clock) {
        this.triggers = triggers;
        this.tierSync = tierSync;
        this.mappings = mappings;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String kind() { return "lapse-evaluate"; }

    @Override
    public List<String> counters() { return List.of("tiers-changed", "fired"); }

    @Override
    public List<TableNeed> tablesNeeded(RouteDefinition route) {
        String connector = posConnector(route);
        if (connector == null) return List.of();
        PosSaleMapping mapping = mappings.get(mappingId(route));
        return PosMemberTiers.mapped(mapping) ? List.of(TableNeed.readOnly(connector, mapping.members().table(),
                List.of(mapping.members().col("card"), mapping.members().col("tier")))) : List.of();
    }

    @Override
    public void run(RouteDefinition route, RunContext context) {
        LocalDate today = day(context.parameter("date"), clock);
        String connector = posConnector(route);
        if (connector != null) context.set("tiers-changed", tierSync.sync(connector, mappings.get(mappingId(route))));
        context.set("fired", triggers.evaluateAll(today));
        context.output("date", today.toString());
    }

    private static String posConnector(RouteDefinition route) {
        return route.source() == null ? null : route.source().connector();
    }

    private String mappingId(RouteDefinition route) {
        String m = route.source() == null ? null : route.source().mapping();
        return m == null || m.isBlank() ? settings.mapping() : m;
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
