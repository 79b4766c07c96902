package io.etlhub.archive;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Passes a reader's rows to another sink (the rules, {@link SheetInterpreter}) on a thread of its own, in order and in
 * batches, so the rules run beside the parse instead of after each row of it (JFR: they were an eighth of the
 * reading thread). Call {@link #finish()} once the reader is done; a failure of the rules (a file over the row limit)
 * is rethrown to the reading thread at its next batch or at the finish.
 */
final class RulesThread implements SheetRowSink, AutoCloseable {
    private static final int BATCH = 1000;

    private final SheetRowSink target;
    /** Four batches may wait (about 6 MB): with fewer, on a loaded machine the parse waited for the rules at each hand-over. */
    private final OrderedWorker worker = new OrderedWorker("archive-rules", 4);
    private List<Consumer<SheetRowSink>> events = new ArrayList<>(BATCH);
    private boolean finished;

    RulesThread(SheetRowSink target) {
        this.target = target;
    }

    @Override public void startSheet(String name) { add(s -> s.startSheet(name)); }

    @Override public void declaredRows(int rows) { add(s -> s.declaredRows(rows)); }

    /** The reader hands over rows it no longer touches (copies: {@link RowBuffer#flush()}). */
    @Override public void row(int rowNumber, String[] cells, BitSet formulas, BitSet errors) {
        add(s -> s.row(rowNumber, cells, formulas, errors));
    }

    @Override public void endSheet() { add(s -> s.endSheet()); }

    /** Waits until the rules have seen every row; rethrows their failure. */
    void finish() {
        handOver();
        worker.await();
        finished = true;
    }

    /** Stops the thread; rows not yet handled are dropped unless {@link #finish()} was called (the import failed). */
    @Override
    public void close() {
        if (!finished) worker.cancel();
        worker.close();
    }

    private void add(Consumer<SheetRowSink> event) {
        events.add(event);
        if (events.size() >= BATCH) handOver();
    }

    private void handOver() {
        if (events.isEmpty()) return;
        List<Consumer<SheetRowSink>> batch = events;
        events = new ArrayList<>(BATCH);
        worker.submit(() -> batch.forEach(e -> e.accept(target)));
    }
}
