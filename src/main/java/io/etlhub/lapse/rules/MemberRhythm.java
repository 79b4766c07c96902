package io.etlhub.lapse.rules;

import java.time.LocalDate;
import java.util.List;

/**
 * What the lapse rules see of one member: the visit days (sorted, each day once) and, for shrinkage of
 * the personal rule, the gaps in days between visits of the members of the member's home store.
 */
public record MemberRhythm(String card, String tier, String homeStore, List<LocalDate> visitDays, List<Integer> storeGapDays) {
    public MemberRhythm {
        visitDays = visitDays == null ? List.of() : List.copyOf(visitDays);
        storeGapDays = storeGapDays == null ? List.of() : List.copyOf(storeGapDays);
    }
}
