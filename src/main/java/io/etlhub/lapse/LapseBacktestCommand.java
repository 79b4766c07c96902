package io.etlhub.lapse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.lapse.rules.LapseReasons;
import io.etlhub.lapse.rules.LapseRulesSettings;
import io.etlhub.pipeline.CliCommand;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code run lapse-backtest --until 2026-09-30 --horizon 60 [--active-within 180] [--connector pos] [--mapping sixun-pos]
 * [--truth demo_member_truth]}: {@link LapseBacktest} on the POS history, a table per rule and the JSON summary
 * as the last line. The ground truth table (card_no, dropout_day), written by the demo's generator, is used
 * when the POS database has it.
 */
@Component
class LapseBacktestCommand implements CliCommand {
    private final PosVisits visits;
    private final ConnectorCatalog connectors;
    private final LapseSettings lapse;
    private final LapseRulesSettings rules;
    private final LapseReasons reasons;
    private final ObjectMapper json;

    LapseBacktestCommand(PosVisits visits, ConnectorCatalog connectors, LapseSettings lapse, LapseRulesSettings rules, LapseReasons reasons,
                         ObjectMapper json) {
        this.visits = visits;
        this.connectors = connectors;
        this.lapse = lapse;
        this.rules = rules;
        this.reasons = reasons;
        this.json = json;
    }

    @Override
    public String name() { return "lapse-backtest"; }

    @Override
    public int run(Map<String, String> parameters, PrintStream out) throws Exception {
        LocalDate until = date(parameters.get("until"));
        int horizon = positive(parameters.getOrDefault("horizon", "60"), "horizon");
        int activeWithin = positive(parameters.getOrDefault("active-within", "180"), "active-within");
        String connector = parameters.getOrDefault("connector", lapse.stockConnector());
        String mapping = parameters.getOrDefault("mapping", lapse.mapping());
        String truthTable = parameters.getOrDefault("truth", "demo_member_truth");
        long start = System.nanoTime();
        var history = visits.read(connector, mapping, until.plusDays(horizon));
        Map<String, LocalDate> truth = new HashMap<>();
        boolean truthKnown = readTruth(connector, truthTable, truth);
        LapseBacktest.Result result = LapseBacktest.run(history, until, horizon, activeWithin, rules, reasons, lapse.defaultTier(), truth, truthKnown);
        long millis = (System.nanoTime() - start) / 1_000_000;

        out.printf("lapse backtest on %s (mapping %s): history up to %s, horizon %d days, members with a visit in the %d days before: %d; "
                        + "no visit within the horizon: %d%s%n", connector, mapping, until, horizon, activeWithin, result.judged(), result.notBack(),
                truthKnown ? "; dropped out by the date (ground truth): " + result.droppedOut() : "");
        result.models().forEach(f -> out.printf("  model %s (%d members): BG/NBD %s, MBG/NBD %s, %d ms%n", f.scopeKey(), f.bgNbd().members(),
                shown(f.bgNbd().parameters()), shown(f.mbgNbd().parameters()), f.millis()));
        out.printf("%-14s %7s %10s %8s %22s %19s %16s%n", "rule", "fired", "precision", "recall", "median days to trigger",
                "precision (dropout)", "recall (dropout)");
        for (LapseBacktest.RuleResult r : result.rules()) {
            out.printf("%-14s %7d %10.3f %8.3f %22s %19s %16s%n", r.rule(), r.fired(), r.precision(), r.recall(),
                    r.medianDaysToTrigger() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.medianDaysToTrigger()),
                    r.precisionVsDropout() == null ? "-" : String.format(Locale.ROOT, "%.3f", r.precisionVsDropout()),
                    r.recallVsDropout() == null ? "-" : String.format(Locale.ROOT, "%.3f", r.recallVsDropout()));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", name());
        summary.put("status", "SUCCEEDED");
        summary.put("until", until.toString());
        summary.put("horizon", horizon);
        summary.put("activeWithin", activeWithin);
        summary.put("members", result.judged());
        summary.put("notBack", result.notBack());
        summary.put("droppedOut", result.droppedOut());
        summary.put("rules", result.rules());
        summary.put("millis", millis);
        out.println(json.writeValueAsString(summary));
        return 0;
    }

    private boolean readTruth(String connector, String table, Map<String, LocalDate> truth) {
        var jdbc = connectors.jdbc(connector);
        try {
            jdbc.query("SELECT card_no, dropout_day FROM " + table, rs -> {
                if (rs.getDate(2) != null) truth.put(rs.getString(1).trim(), rs.getDate(2).toLocalDate());
            });
            return true;
        } catch (org.springframework.jdbc.BadSqlGrammarException noTruth) {
            return false; // a real POS: no ground truth, precision and recall against the horizon only
        }
    }

    private static String shown(io.etlhub.lapse.rules.BgNbdModel.Parameters p) {
        return String.format(Locale.ROOT, "r=%.3f alpha=%.2f a=%.3f b=%.3f", p.r(), p.alpha(), p.a(), p.b());
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("give --until yyyy-MM-dd (the last day of history the rules see)");
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--until must be yyyy-MM-dd, found '" + text + "'");
        }
    }

    private static int positive(String text, String name) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n > 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a positive number of days, found '" + text + "'");
    }
}
