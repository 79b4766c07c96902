package io.etlhub.archive;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One company of the file: its rows merged in file order. The first row names it in the report
 * (and in a CRM write error); {@code asOf} is the latest record date among its rows, and each
 * value keeps the record date of the row it came from (the overwrite-older policy compares those).
 */
final class Company {
    final String sheet;
    final int row;
    final Map<String, String> values;
    LocalDateTime asOf;
    /** Where its rows are in the file (sheet and row), first row first. */
    final List<Map.Entry<String, Integer>> rows = new ArrayList<>(1);
    private final Map<String, LocalDateTime> valueAsOf = new HashMap<>();

    Company(StagedRow first, LocalDateTime asOf) {
        this.sheet = first.sheet();
        this.row = first.row();
        this.values = new LinkedHashMap<>(first.values());
        this.asOf = asOf;
        this.rows.add(Map.entry(first.sheet(), first.row()));
        if (asOf != null) first.values().keySet().forEach(f -> valueAsOf.put(f, asOf));
    }

    /** The record date of the row the field's value came from, or null. */
    LocalDateTime asOf(String field) {
        return valueAsOf.get(field);
    }

    /** A value taken from a later row recorded at {@code asOf}. */
    void took(String field, LocalDateTime asOf) {
        if (asOf == null) valueAsOf.remove(field);
        else valueAsOf.put(field, asOf);
    }
}
