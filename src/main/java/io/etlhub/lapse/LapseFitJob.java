package io.etlhub.lapse;

import io.etlhub.lapse.rules.LapseModelFitter;
import io.etlhub.lapse.rules.LapseModelStore;
import io.etlhub.lapse.rules.LapseRulesSettings;
import io.etlhub.lapse.rules.PurchaseHistory;

import io.etlhub.pipeline.RouteDefinition;
import io.etlhub.pipeline.RouteJob;
import io.etlhub.pipeline.RunContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code etlhub:lapse-fit} ({@code run lapse-fit [--date yyyy-MM-dd]}): BG/NBD and MBG/NBD fitted by maximum
 * likelihood per tier or home store (etlhub.lapse.rules.fit-by) on the members' visits up to the date
 * (default today), and stored in lapse_model in one transaction for the probabilistic rule.
 */
@Component
class LapseFitJob implements RouteJob {
    private final JdbcTemplate hub;
    private final LapseModelStore models;
    private final LapseRulesSettings settings;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String defaultTier;

    LapseFitJob(JdbcTemplate hub, LapseModelStore models, LapseRulesSettings settings, PlatformTransactionManager tm, Clock clock,
                @Value("${etlhub.lapse.default-tier:default}") String defaultTier) {
        this.hub = hub;
        this.models = models;
        this.settings = settings;
        this.tx = new TransactionTemplate(tm);
        this.clock = clock;
        this.defaultTier = defaultTier;
    }

    @Override
    public String kind() { return "lapse-fit"; }

    @Override
    public List<String> counters() { return List.of("members", "models"); }

    @Override
    public void run(RouteDefinition route, RunContext context) {
        LocalDate until = LapseEvaluateJob.day(context.parameter("date"), clock);
        boolean byStore = settings.fitBy() == LapseRulesSettings.FitScope.STORE;
        Map<String, List<PurchaseHistory>> byScope = new HashMap<>();
        long[] members = {0};
        hub.query("SELECT m.tier, m.home_store, COUNT(DISTINCT v.visit_day), MIN(v.visit_day), MAX(v.visit_day) FROM lapse_member m "
                + "JOIN lapse_visit v ON v.card = m.card WHERE v.visit_day <= ? GROUP BY m.card, m.tier, m.home_store", rs -> {
            String scope = byStore ? rs.getString(2) : rs.getString(1);
            if (scope == null) scope = byStore ? "-" : defaultTier;
            LocalDate first = rs.getDate(4).toLocalDate();
            LocalDate last = rs.getDate(5).toLocalDate();
            byScope.computeIfAbsent(scope, k -> new ArrayList<>()).add(new PurchaseHistory(rs.getInt(3) - 1,
                    (int) ChronoUnit.DAYS.between(first, last), (int) ChronoUnit.DAYS.between(first, until)));
            members[0]++;
        }, Date.valueOf(until));
        List<LapseModelFitter.ScopeFit> fits = LapseModelFitter.fit(byScope);
        tx.executeWithoutResult(s -> fits.forEach(f -> {
            models.save(settings.fitBy(), f.scopeKey(), f.bgNbd(), until, f.millis());
            models.save(settings.fitBy(), f.scopeKey(), f.mbgNbd(), until, f.millis());
        }));
        models.reload();
        context.set("members", members[0]);
        context.set("models", fits.size() * 2L);
        context.output("date", until.toString());
        context.output("models", fits.stream().map(f -> Map.of("scope", f.scopeKey(), "bgNbd", f.bgNbd().parameters().toString(),
                "mbgNbd", f.mbgNbd().parameters().toString(), "members", f.bgNbd().members(), "millis", f.millis())).toList());
    }
}
