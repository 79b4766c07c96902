package io.etlhub.customerview;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The source rows of one figure's refresh that the hub could not use as they are, each named by connector, table,
 * key and column: skipped ones (no key, a number or time that is not one, a work order ending before it starts) and
 * kept ones with a note (a work order without a line, two rows of one key that differ: the last kept). One bad row
 * never fails the figure: the others' figures stay exact, and the run counts and lists these (CustomerViewJob).
 */
final class RowWarnings {
    private static final Logger log = LoggerFactory.getLogger(RowWarnings.class);
    /** Texts kept per figure and run: the counts are exact, the list shows the first ones. */
    static final int LISTED = 20;

    private final String connector;
    private final Figure figure;
    private final String table;
    private final List<String> texts = new ArrayList<>();
    private long skipped;
    private long noted;

    RowWarnings(String connector, Figure figure, CustomerViewMapping.FigureQuery q) {
        this.connector = connector;
        this.figure = figure;
        String from = q.from() == null ? "" : q.from().trim();
        this.table = from.split("\\s+")[0];
    }

    /** A row left out: connector, table, key and column, and why. */
    void skip(String key, String column, String why) {
        skipped++;
        add("skipped", key, column, why);
    }

    /** A row kept with something the reader of the view should know. */
    void note(String key, String column, String why) {
        noted++;
        add("kept", key, column, why);
    }

    private void add(String what, String key, String column, String why) {
        if (texts.size() >= LISTED) return;
        texts.add("connector " + connector + ", table " + table + " (figure " + figure.mappingName + "), key " + (key == null ? "(none)" : key)
                + (column == null ? "" : ", column " + column) + ": " + why + " (" + what + ")");
    }

    long skipped() { return skipped; }

    long noted() { return noted; }

    List<String> texts() { return List.copyOf(texts); }

    void log() {
        if (skipped == 0 && noted == 0) return;
        log.warn("customer view: connector {} figure {}: {} source rows skipped, {} kept with a note: {}", connector, figure.mappingName,
                skipped, noted, String.join("; ", texts));
    }
}
