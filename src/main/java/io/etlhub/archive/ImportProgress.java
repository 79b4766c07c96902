package io.etlhub.archive;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far an import is, for the console's progress bar: the phase, and rows processed of the total
 * (while READING, the total is what the sheets declare; while MERGING, the valid rows to write).
 */
public final class ImportProgress {
    public enum Phase { QUEUED, READING, DEDUPLICATING, MERGING, REPORTING, DONE, FAILED }

    private volatile Phase phase = Phase.QUEUED;
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private volatile String message;
    private volatile ImportResult result;
    private volatile ImportCounts failedCounts = ImportCounts.NONE;

    void phase(Phase phase, long total) {
        this.phase = phase;
        this.processed.set(0);
        this.total.set(total);
    }

    void addTotal(long rows) { total.addAndGet(rows); }

    void processed(long rows) { processed.addAndGet(rows); }

    void done(ImportResult result) {
        this.result = result;
        this.phase = Phase.DONE;
    }

    void failed(String message) {
        this.message = message;
        this.phase = Phase.FAILED;
    }

    /** A failure after rows were read: the counts so far (rows read, rejected), for the run's summary. */
    void failed(String message, ImportCounts counts) {
        this.failedCounts = counts;
        failed(message);
    }

    public ImportCounts failedCounts() { return failedCounts; }

    public Phase phase() { return phase; }

    public long processed() { return processed.get(); }

    public long total() { return Math.max(total.get(), processed.get()); }

    public String message() { return message; }

    public ImportResult result() { return result; }

    public boolean finished() { return phase == Phase.DONE || phase == Phase.FAILED; }
}
