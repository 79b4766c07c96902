package io.etlhub.lapse.rules;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fitted models in the hub store (lapse_model), one row per model and tier or store, replaced by each
 * fit. Rules read them through a cache that a fit refreshes.
 */
@Repository
public class LapseModelStore implements FittedModels {
    private final JdbcTemplate hub;
    private final LapseRulesSettings settings;
    private final Clock clock;
    private volatile Map<String, BgNbdModel.Parameters> cache;

    public LapseModelStore(JdbcTemplate hub, LapseRulesSettings settings, Clock clock) {
        this.hub = hub;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public BgNbdModel.Parameters parameters(BgNbdModel model, MemberRhythm member) {
        String scopeKey = settings.fitBy() == LapseRulesSettings.FitScope.STORE ? member.homeStore() : member.tier();
        return loaded().get(key(model, settings.fitBy(), scopeKey));
    }

    /** Replaces the model of one tier or store (one transaction is the caller's; {@link #reload} after it commits). */
    public void save(LapseRulesSettings.FitScope scope, String scopeKey, BgNbdFit.Result fit, LocalDate until, long millis) {
        BgNbdModel.Parameters p = fit.parameters();
        hub.update("DELETE FROM lapse_model WHERE model = ? AND scope = ? AND scope_key = ?", fit.model().name(), scope.name(), scopeKey);
        hub.update("INSERT INTO lapse_model (model, scope, scope_key, r, alpha, a, b, members, log_likelihood, history_until, fit_millis, fitted_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", fit.model().name(), scope.name(), scopeKey, p.r(), p.alpha(), p.a(), p.b(),
                fit.members(), fit.logLikelihood(), Date.valueOf(until), millis, Timestamp.from(clock.instant()));
    }

    /** After a fit has committed: the rules read the new models from here on. */
    public void reload() {
        cache = null;
    }

    /** Every fitted model, for the API and the console. */
    public List<Map<String, Object>> all() {
        return hub.queryForList("SELECT model, scope, scope_key, r, alpha, a, b, members, log_likelihood, history_until, fit_millis, fitted_at "
                + "FROM lapse_model ORDER BY scope, scope_key, model");
    }

    private Map<String, BgNbdModel.Parameters> loaded() {
        Map<String, BgNbdModel.Parameters> c = cache;
        if (c != null) return c;
        Map<String, BgNbdModel.Parameters> fresh = new ConcurrentHashMap<>();
        hub.query("SELECT model, scope, scope_key, r, alpha, a, b FROM lapse_model", rs -> {
            fresh.put(key(BgNbdModel.valueOf(rs.getString(1)), LapseRulesSettings.FitScope.valueOf(rs.getString(2)), rs.getString(3)),
                    new BgNbdModel.Parameters(rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)));
        });
        cache = fresh;
        return fresh;
    }

    private static String key(BgNbdModel model, LapseRulesSettings.FitScope scope, String scopeKey) {
        return model + "/" + scope + "/" + scopeKey;
    }
}
