package io.etlhub.archive;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The mapping's merge policy, applied alike between the rows of one company within a file and
 * between a company and its CRM row. fill-blanks: only blank values are filled. overwrite-older: a
 * value is also replaced when the incoming side was recorded after the current side (a record date
 * against an earlier row's record date or the CRM row's update time); never when either time is unknown.
 * Values are the rules' canonical texts (dates ISO, numbers plain decimals).
 */
final class MergePolicy {
    /** One value taken over; {@code before} is null when a blank was filled. */
    record Change(String field, String before, String after) {
        boolean filled() { return before == null; }
    }

    private final ArchiveMapping mapping;

    MergePolicy(ArchiveMapping mapping) {
        this.mapping = mapping;
    }

    /**
     * Takes into {@code current} (changed in place) what the policy allows of {@code incoming}, over
     * {@code fields}; returns what changed. The as-of times are per field: a merged company knows
     * which row, recorded when, each of its values came from.
     */
    List<Change> merge(Map<String, String> current, Function<String, LocalDateTime> currentAsOf, Map<String, String> incoming,
                       Function<String, LocalDateTime> incomingAsOf, Collection<String> fields) {
        boolean overwriteOlder = mapping.merge() != null && mapping.merge().overwriteOlder();
        List<Change> changes = new ArrayList<>();
        for (String field : fields) {
            String value = incoming.get(field);
            if (value == null || field.equals(recordDateField())) continue;
            String old = current.get(field);
            if (old == null || old.isBlank()) {
                current.put(field, value);
                changes.add(new Change(field, null, value));
            } else if (overwriteOlder && newer(incomingAsOf.apply(field), currentAsOf.apply(field)) && !same(field, old, value)) {
                current.put(field, value);
                changes.add(new Change(field, old, value));
            }
        }
        return changes;
    }

    private static boolean newer(LocalDateTime incoming, LocalDateTime current) {
        return incoming != null && current != null && incoming.isAfter(current);
    }

    /** The row's record date (the merge section's record-date field) as the start of that day, or null. */
    LocalDateTime asOf(Map<String, String> values) {
        String field = recordDateField();
        String date = field == null ? null : values.get(field);
        return date == null ? null : LocalDate.parse(date.substring(0, 10)).atStartOfDay();
    }

    String recordDateField() {
        return mapping.merge() == null ? null : mapping.merge().recordDate();
    }

    private boolean same(String field, String a, String b) {
        ArchiveMapping.Field f = mapping.fields().get(field);
        if (f != null && "number".equals(f.rule())) {
            try {
                return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
            } catch (NumberFormatException e) {
                return a.equals(b);
            }
        }
        return a.equals(b);
    }
}
