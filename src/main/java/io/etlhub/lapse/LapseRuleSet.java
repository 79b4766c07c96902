package io.etlhub.lapse;

import io.etlhub.lapse.rules.LapseRule;
import io.etlhub.lapse.rules.LapseVerdict;
import io.etlhub.lapse.rules.MemberRhythm;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules a member is judged by: those named for the member's tier in etlhub.lapse.rules-by-tier
 * (in that order), or every rule the hub has. The first rule that calls the member lapsed fires.
 */
@Component
public class LapseRuleSet {
    private final ObjectProvider<LapseRule> rules;
    private final LapseSettings settings;

    public LapseRuleSet(ObjectProvider<LapseRule> rules, LapseSettings settings) {
        this.rules = rules;
        this.settings = settings;
    }

    /** The rule beans by name, looked up once: every sale's decision asks, and the bean factory's lookup is not free. */
    private volatile Map<String, LapseRule> all;

    public Map<String, LapseRule> all() {
        Map<String, LapseRule> known = all;
        if (known == null) {
            Map<String, LapseRule> out = new LinkedHashMap<>();
            rules.orderedStream().forEach(r -> out.put(r.name(), r));
            known = java.util.Collections.unmodifiableMap(out);
            all = known;
        }
        return known;
    }

    public List<LapseRule> forTier(String tier) {
        Map<String, LapseRule> all = all();
        List<String> names = settings.rulesFor(tier);
        if (names.isEmpty()) return List.copyOf(all.values());
        List<LapseRule> out = new ArrayList<>();
        for (String n : names) {
            LapseRule r = all.get(n);
            if (r == null) throw new IllegalStateException("etlhub.lapse.rules-by-tier." + tier + " names rule '" + n + "', known: " + all.keySet());
            out.add(r);
        }
        return out;
    }

    /** Every verdict for the member, in the tier's order. */
    public List<LapseVerdict> verdicts(MemberRhythm member, LocalDate today) {
        return forTier(member.tier()).stream().map(r -> r.evaluate(member, today)).toList();
    }
}
