package io.etlhub.pipeline;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A route's lease in the hub store: the in-process lock ({@link RouteLocks}) cannot keep a one-shot
 * CLI run from overlapping the server's scheduled run of the same route, since both reach the same
 * hub store and source. Times are the database's own (no clock skew between hosts); a killed holder's
 * lease expires after {@code ttl} and the next run takes it over.
 */
@Component
class RouteLease implements DisposableBean {
    private final JdbcTemplate hub;
    private final int ttlSeconds;
    private final String holder = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "route-lease-renewal");
        t.setDaemon(true);
        return t;
    });

    RouteLease(JdbcTemplate hub, @Value("${etlhub.route-lease-seconds:90}") int ttlSeconds) {
        this.hub = hub;
        this.ttlSeconds = ttlSeconds;
    }

    /** A held lease; closing it releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes the route's lease, polling up to {@code waitSeconds}; null when another process keeps it. */
    Held tryTake(String routeId, long waitSeconds) throws InterruptedException {
        ensureRow(routeId);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        while (!take(routeId)) {
            if (System.nanoTime() >= deadline) return null;
            Thread.sleep(500);
        }
        // Renewed at a third of its life: two missed renewals still leave it held.
        long every = ttlSeconds * 1000L / 3;
        ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> renew(routeId), every, every, TimeUnit.MILLISECONDS);
        return () -> {
            renewal.cancel(false);
            hub.update("UPDATE route_lease SET holder = NULL, taken_at = NULL, expires_at = NULL WHERE route_id = ? AND holder = ?",
                    routeId, holder);
        };
    }

    /** Who holds the route's lease now (another process or this one), or null. */
    String holderOf(String routeId) {
        List<String> holders = hub.queryForList("SELECT holder FROM route_lease WHERE route_id = ? AND holder IS NOT NULL "
                + "AND expires_at >= CURRENT_TIMESTAMP", String.class, routeId);
        return holders.isEmpty() ? null : holders.get(0);
    }

    private boolean take(String routeId) {
        return hub.update("UPDATE route_lease SET holder = ?, taken_at = CURRENT_TIMESTAMP, "
                + "expires_at = TIMESTAMPADD(SECOND, ?, CURRENT_TIMESTAMP) "
                + "WHERE route_id = ? AND (holder IS NULL OR expires_at < CURRENT_TIMESTAMP)", holder, ttlSeconds, routeId) == 1;
    }

    private void renew(String routeId) {
        hub.update("UPDATE route_lease SET expires_at = TIMESTAMPADD(SECOND, ?, CURRENT_TIMESTAMP) WHERE route_id = ? AND holder = ?",
                ttlSeconds, routeId, holder);
    }

    private void ensureRow(String routeId) {
        if (hub.queryForObject("SELECT COUNT(*) FROM route_lease WHERE route_id = ?", Integer.class, routeId) > 0) return;
        try {
            hub.update("INSERT INTO route_lease (route_id) VALUES (?)", routeId);
        } catch (DuplicateKeyException e) {
            // another process inserted it first: fine, the row is what we need
        }
    }

    @Override
    public void destroy() {
        renewals.shutdownNow();
    }
}
