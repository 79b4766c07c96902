package io.etlhub.archive;

import java.util.List;
import java.util.StringJoiner;

/** How the report names a mapping's fields (their first header alias, as the file's owner knows them) and lists merged values. */
final class FieldLabels {
    private final ArchiveMapping mapping;

    FieldLabels(ArchiveMapping mapping) {
        this.mapping = mapping;
    }

    String label(String field) {
        ArchiveMapping.Field f = mapping.fields().get(field);
        return f == null || f.aliases() == null || f.aliases().isEmpty() ? field : f.aliases().get(0);
    }

    /** 地址、业务员; "-" when nothing changed. */
    String names(List<MergePolicy.Change> changes) {
        if (changes.isEmpty()) return "-";
        StringJoiner j = new StringJoiner("、");
        for (MergePolicy.Change c : changes) j.add(label(c.field()));
        return j.toString();
    }

    /** 地址: 杭州市文三路1号; 邮箱: old@a.com -> new@a.com; null when nothing changed. */
    String describe(List<MergePolicy.Change> changes) {
        if (changes.isEmpty()) return null;
        StringJoiner j = new StringJoiner("; ");
        for (MergePolicy.Change c : changes) {
            j.add(label(c.field()) + ": " + (c.filled() ? c.after() : c.before() + " -> " + c.after()));
        }
        return j.toString();
    }
}
