package io.etlhub.console;

import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Set;

/** The colour of a state's badge (its text comes from the bundles): one table for every kind of state. */
@Component("statusBadges")
public class StatusBadges {
    private static final Set<String> GOOD = Set.of("SUCCEEDED", "STARTED", "REPLAYED", "GREEN", "OK", "DONE", "APPLIED",
            "MATCHED", "SCHEDULED", "IMPORTED");
    private static final Set<String> BAD = Set.of("FAILED", "RED", "FAIL", "REJECTED", "ERROR");
    private static final Set<String> BUSY = Set.of("RUNNING", "REPLAYING", "STARTING", "STOPPING", "READING", "VALIDATING",
            "IMPORTING", "WRITING");
    private static final Set<String> WAITING = Set.of("NEW", "AMBER", "WARN", "SUSPENDED", "UNMATCHED", "PENDING");

    public String css(Object state) {
        if (state == null) return "text-bg-secondary";
        String s = state.toString().toUpperCase(Locale.ROOT);
        if (GOOD.contains(s)) return "text-bg-success";
        if (BAD.contains(s)) return "text-bg-danger";
        if (BUSY.contains(s)) return "text-bg-info";
        if (WAITING.contains(s)) return "text-bg-warning";
        return "text-bg-secondary";
    }
}
