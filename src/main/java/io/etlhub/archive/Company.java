package io.etlhub.archive;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One company of the file: its rows merged in file order. The first row names it in the report
 * (and in a CRM write error); {@code asOf} is the latest record date among its rows.
 */
final class Company {
    final String sheet;
    final int row;
    final Map<String, String> values;
    LocalDateTime asOf;

    Company(StagedRow first, LocalDateTime asOf) {
        this.sheet = first.sheet();
        this.row = first.row();
        this.values = new LinkedHashMap<>(first.values());
        this.asOf = asOf;
    }
}
