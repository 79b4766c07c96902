package io.etlhub.lapse.rules;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.Map;

/**
 * etlhub.lapse.rules: the rules' thresholds, the same for every tier unless {@code tiers.<tier>} says
 * otherwise field by field, and what a model is fitted per (docs/lapse-rules.md).
 */
@ConfigurationProperties("etlhub.lapse.rules")
public record LapseRulesSettings(@DefaultValue Thresholds defaults, Map<String, Overrides> tiers,
                                 @DefaultValue("tier") FitScope fitBy) {

    /** What one model is fitted on: the members of one tier, or of one home store. */
    public enum FitScope { TIER, STORE }

    /**
     * floorDays: the fixed rule fires after more silent days than this. quantile: the personal rule fires after
     * more silent days than this quantile of the member's gaps. minOwnGaps: with fewer own gaps the quantile is
     * shrunk toward the store's. aliveThreshold: the probabilistic rule fires below this P(alive).
     */
    public record Thresholds(@DefaultValue("21") int floorDays, @DefaultValue("0.9") double quantile,
                             @DefaultValue("3") int minOwnGaps, @DefaultValue("0.3") double aliveThreshold) {
        public Thresholds {
            if (floorDays < 1) throw new IllegalArgumentException("etlhub.lapse.rules floor-days must be at least 1, got " + floorDays);
            if (!(quantile > 0 && quantile < 1)) throw new IllegalArgumentException("etlhub.lapse.rules quantile must be in (0, 1), got " + quantile);
            if (minOwnGaps < 1) throw new IllegalArgumentException("etlhub.lapse.rules min-own-gaps must be at least 1, got " + minOwnGaps);
            if (!(aliveThreshold > 0 && aliveThreshold < 1)) {
                throw new IllegalArgumentException("etlhub.lapse.rules alive-threshold must be in (0, 1), got " + aliveThreshold);
            }
        }
    }

    /** A tier's own values; a field left out keeps the default. */
    public record Overrides(Integer floorDays, Double quantile, Integer minOwnGaps, Double aliveThreshold) {}

    public static LapseRulesSettings standard() {
        return new LapseRulesSettings(new Thresholds(21, 0.9, 3, 0.3), Map.of(), FitScope.TIER);
    }

    public LapseRulesSettings {
        tiers = tiers == null ? Map.of() : Map.copyOf(tiers);
        fitBy = fitBy == null ? FitScope.TIER : fitBy;
    }

    public Thresholds forTier(String tier) {
        Overrides o = tier == null ? null : tiers.get(tier);
        if (o == null) return defaults;
        return new Thresholds(o.floorDays() != null ? o.floorDays() : defaults.floorDays(),
                o.quantile() != null ? o.quantile() : defaults.quantile(),
                o.minOwnGaps() != null ? o.minOwnGaps() : defaults.minOwnGaps(),
                o.aliveThreshold() != null ? o.aliveThreshold() : defaults.aliveThreshold());
    }
}
