package io.etlhub.archive;

import io.etlhub.crm.CrmTable;
import org.springframework.transaction.SavepointManager;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The CRM work of one import, in one CRM transaction. {@link #threaded(CrmTable)} runs the transaction on a thread of its
 * own, so the importer prepares the next page of companies while the CRM writes this one (the writes were half the
 * merge's time, with the importer waiting); {@link #direct(SavepointManager)} runs the work at once, in the caller's
 * transaction. Work runs in the order it was handed over; a failure rolls the whole transaction back and is rethrown to
 * the caller at its next call.
 */
interface CrmSession {
    /** Runs {@code read} after everything handed over before, and waits for its answer. */
    <T> T call(Function<SavepointManager, T> read);

    /** Runs {@code write} after everything handed over before, without waiting (at most one write waits its turn). */
    void submit(Consumer<SavepointManager> write);

    /** In the caller's transaction, at once. */
    static CrmSession direct(SavepointManager tx) {
        return new CrmSession() {
            @Override public <T> T call(Function<SavepointManager, T> read) { return read.apply(tx); }

            @Override public void submit(Consumer<SavepointManager> write) { write.accept(tx); }
        };
    }

    /** A transaction on its own thread; {@link Threaded#commit()} ends it, closing without a commit rolls it back. */
    static Threaded threaded(CrmTable table) {
        return new Threaded(table);
    }

    final class Threaded implements CrmSession, AutoCloseable {
        private static final Consumer<SavepointManager> COMMIT = tx -> { };
        private static final Consumer<SavepointManager> ROLLBACK = tx -> { };

        private final BlockingQueue<Consumer<SavepointManager>> work = new ArrayBlockingQueue<>(1);
        private final CompletableFuture<Void> ended = new CompletableFuture<>();
        private volatile RuntimeException failure;

        private Threaded(CrmTable table) {
            Thread thread = new Thread(() -> {
                try {
                    table.inTransaction(this::run);
                    ended.complete(null);
                } catch (RuntimeException | Error e) {
                    if (failure == null && e instanceof RuntimeException r) failure = r;
                    ended.completeExceptionally(e);
                }
            }, "archive-crm");
            thread.setDaemon(true);
            thread.start();
        }

        /** The transaction's work loop: each piece of work in turn, until commit (returns) or rollback (throws). */
        private void run(org.springframework.transaction.TransactionStatus tx) {
            while (true) {
                Consumer<SavepointManager> next;
                try {
                    next = work.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("CRM transaction interrupted", e);
                }
                if (next == COMMIT) return;
                if (next == ROLLBACK) throw new IllegalStateException("import failed: CRM transaction rolled back");
                try {
                    next.accept(tx);
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                }
            }
        }

        @Override
        public <T> T call(Function<SavepointManager, T> read) {
            CompletableFuture<T> answer = new CompletableFuture<>();
            submit(tx -> answer.complete(read.apply(tx)));
            while (true) {
                try {
                    return answer.get(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    rethrow(); // the read (or a write before it) failed: the answer never comes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the CRM", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }

        @Override
        public void submit(Consumer<SavepointManager> write) {
            hand(write);
        }

        /** Hands {@code write} over only if the CRM's thread can take it now; false when it is still busy. */
        boolean offer(Consumer<SavepointManager> write) {
            rethrow();
            if (ended.isDone()) throw new IllegalStateException("the CRM transaction has ended");
            return work.offer(write);
        }

        /** Commits once everything handed over is written; rethrows the failure that rolled the transaction back. */
        public void commit() {
            hand(COMMIT);
            awaitEnd();
            rethrow();
        }

        /** Rolls back unless committed, and waits until the transaction has ended. */
        @Override
        public void close() {
            if (!ended.isDone()) {
                work.clear();
                work.offer(ROLLBACK);
                awaitEnd();
            }
        }

        private void hand(Consumer<SavepointManager> next) {
            while (true) {
                rethrow();
                if (ended.isDone()) throw new IllegalStateException("the CRM transaction has ended");
                try {
                    if (work.offer(next, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while handing work to the CRM", e);
                }
            }
        }

        private void awaitEnd() {
            try {
                ended.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // the failure is rethrown by the caller when it is the import's
            }
        }

        private void rethrow() {
            RuntimeException e = failure;
            if (e != null) throw e;
        }
    }
}
