package io.etlhub.pipeline;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Prepares the next item (a page read from a source, say) on its own thread while the run's thread
 * writes the current one: at most one item waits, so memory stays at two pages. Whatever the
 * source throws is thrown by {@link #next()} on the run's thread, as if it had been read there.
 * Closing stops the source and waits for its thread, so nothing of the run reads on after it ended.
 */
public final class ReadAhead<T> implements AutoCloseable {
    /** Gives the next item, or null when there is no more. */
    @FunctionalInterface
    public interface Source<T> {
        T next() throws Exception;
    }

    private static final Object END = new Object();

    private record Failure(Throwable error) {}

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1);
    private final Thread thread;
    private volatile boolean closed;
    private boolean ended;

    public ReadAhead(String threadName, Source<T> source) {
        thread = new Thread(() -> produce(source), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void produce(Source<T> source) {
        try {
            while (!closed) {
                T item = source.next();
                queue.put(item == null ? END : item);
                if (item == null) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            try {
                queue.put(new Failure(e));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The next item, waiting for it if need be; null at the end. */
    @SuppressWarnings("unchecked")
    public T next() {
        if (ended) return null;
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next page", e);
        }
        if (item == END) {
            ended = true;
            return null;
        }
        if (item instanceof Failure f) {
            ended = true;
            if (f.error() instanceof RuntimeException r) throw r;
            if (f.error() instanceof Error e) throw e;
            throw new IllegalStateException(f.error().getMessage(), f.error());
        }
        return (T) item;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        queue.clear();
        try {
            // A statement under way is not interrupted by the driver: let it finish.
            thread.join(TimeUnit.MINUTES.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
