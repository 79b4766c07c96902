package io.etlhub.archive;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far an import is, for the console's progress bar: the phase, and rows processed of the total
 * (while READING, the total is what the sheets declare; while MERGING, the valid rows to write), and the
 * whole import's percent across the phases by their weights, which never goes back (a phase starting, or a
 * sheet declaring more rows, does not lower it) and is 100 only when done.
 */
public final class ImportProgress {
    /** The phases in their order; weight: the share of the bar (percent) a phase fills, by how long it usually takes. */
    public enum Phase {
        QUEUED(0), READING(45), DEDUPLICATING(10), MERGING(35), REPORTING(10), DONE(0), FAILED(0);

        final int weight;

        Phase(int weight) { this.weight = weight; }

        /** The percent the bar stands at when this phase starts: the weights of the phases before it. */
        int start() {
            int sum = 0;
            for (Phase p : values()) {
                if (p == this) break;
                sum += p.weight;
            }
            return sum;
        }
    }

    private volatile Phase phase = Phase.QUEUED;
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private volatile String message;
    private volatile ImportResult result;
    private volatile ImportCounts failedCounts = ImportCounts.NONE;
    private final java.util.concurrent.atomic.AtomicInteger percent = new java.util.concurrent.atomic.AtomicInteger();

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

    /**
     * The whole import's percent: the phases done by their weights plus the current one's share of rows processed,
     * at most 99 until DONE; the highest value given so far when the computation would go back. A failed import
     * stays where it stopped.
     */
    public int percent() {
        Phase now = phase;
        int computed;
        if (now == Phase.DONE) computed = 100;
        else if (now == Phase.FAILED) return percent.get();
        else {
            long all = total();
            double share = all == 0 ? 0 : Math.min(1.0, (double) processed() / all);
            computed = Math.min(99, now.start() + (int) Math.floor(now.weight * share));
        }
        return percent.accumulateAndGet(computed, Math::max);
    }

    public Phase phase() { return phase; }

    public long processed() { return processed.get(); }

    public long total() { return Math.max(total.get(), processed.get()); }

    public String message() { return message; }

    public ImportResult result() { return result; }

    public boolean finished() { return phase == Phase.DONE || phase == Phase.FAILED; }
}
