package io.etlhub.lapse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * etlhub.lapse: the rhythm window, which rules apply to which member tier and what the CRM receives
 * when a trigger fires (docs/lapse.md); who is told is routes/notify-lapse.yaml.
 */
@ConfigurationProperties("etlhub.lapse")
public record LapseSettings(
        @DefaultValue("90") int windowDays,
        @DefaultValue("3") int topItems,
        @DefaultValue("default") String defaultTier,
        @DefaultValue("2") int minSilentDays,
        Map<String, List<String>> rulesByTier,
        @DefaultValue("sixun-pos") String mapping,
        @DefaultValue("pos") String stockConnector,
        Map<String, String> storeManagers,
        @DefaultValue Coupon coupon,
        @DefaultValue("3") int taskDueDays) {

    public record Coupon(@DefaultValue("LAPSE-BACK") String code, @DefaultValue("回店礼券") String title,
                         @DefaultValue("20") BigDecimal amount, @DefaultValue("14") int validDays) {}

    /** The rule names for a tier, in the order they are asked; empty = every rule the hub has. */
    public List<String> rulesFor(String tier) {
        if (rulesByTier == null) return List.of();
        List<String> own = rulesByTier.get(tier);
        return own != null ? own : rulesByTier.getOrDefault(defaultTier, List.of());
    }

    public String managerOf(String store) {
        String m = storeManagers == null ? null : storeManagers.get(store);
        return m != null ? m : "店长-" + store;
    }
}
