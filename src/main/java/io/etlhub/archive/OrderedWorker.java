package io.etlhub.archive;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Work done on one background thread in the order it was handed over, at most {@code depth} pieces waiting (which
 * bounds the memory); the first failure is rethrown to the thread that hands work over, and later work is skipped.
 * The import's stages (rules, staging writes) run this way beside the parse, which is the import's bottleneck.
 */
final class OrderedWorker implements AutoCloseable {
    private final ExecutorService thread;
    private final int depth;
    private final Semaphore inFlight;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean cancelled;

    OrderedWorker(String threadName, int depth) {
        this.depth = depth;
        this.inFlight = new Semaphore(depth);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code work} after everything handed over before; waits while {@code depth} pieces wait. */
    void submit(Runnable work) {
        rethrow();
        inFlight.acquireUninterruptibly();
        thread.execute(() -> {
            try {
                if (failure.get() == null && !cancelled) work.run();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } catch (Error e) {
                failure.compareAndSet(null, new IllegalStateException(e));
                throw e;
            } finally {
                inFlight.release();
            }
        });
    }

    /** Waits until everything handed over is done; rethrows the first failure. */
    void await() {
        inFlight.acquireUninterruptibly(depth);
        inFlight.release(depth);
        rethrow();
    }

    void rethrow() {
        RuntimeException e = failure.get();
        if (e != null) throw e;
    }

    /** Work handed over but not started is skipped (the caller failed and no longer wants it). */
    void cancel() {
        cancelled = true;
    }

    /** Lets the work handed over finish (or be skipped, once cancelled), then stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
