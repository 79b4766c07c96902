package io.etlhub.pipeline;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One run of a route at a time: in this process (a lock) and across the processes sharing the hub
 * store (a {@link RouteLease}: the server and one-shot CLI runs). Capabilities that change what a
 * route owns outside a run (finance assigning an unmatched receipt) take the same lock.
 */
@Component
public class RouteLocks {
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final RouteLease lease;

    RouteLocks(RouteLease lease) {
        this.lease = lease;
    }

    public <T> T withLock(String routeId, long waitSeconds, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(routeId, id -> new ReentrantLock());
        if (lock.isHeldByCurrentThread()) {
            // Taken again on the same thread (a run started by hand, then its route's etlhub: step): the
            // lease is already this process's.
            lock.lock();
            try {
                return work.get();
            } finally {
                lock.unlock();
            }
        }
        try {
            if (!lock.tryLock(waitSeconds, TimeUnit.SECONDS)) throw new RouteBusyException(routeId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RouteBusyException(routeId);
        }
        try {
            RouteLease.Held held = lease.tryTake(routeId, waitSeconds);
            if (held == null) throw new RouteBusyException(routeId, lease.holderOf(routeId));
            try (held) {
                return work.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RouteBusyException(routeId);
        } finally {
            lock.unlock();
        }
    }

    public boolean isRunning(String routeId) {
        ReentrantLock lock = locks.get(routeId);
        return lock != null && lock.isLocked() || lease.holderOf(routeId) != null;
    }
}
