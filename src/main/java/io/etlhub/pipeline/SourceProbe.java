package io.etlhub.pipeline;

import io.etlhub.connector.ConnectorCatalog;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Does a route's source connector answer? Asked when an etlhub: step starts (a route whose source is
 * down does not start; Camel's supervising route controller retries it with back-off) and by the
 * route's health check. Bounded by a timeout, as a pool waits much longer for a dead host.
 */
@Component
class SourceProbe {
    /** Daemon threads: a probe of a dead host may block in the pool's own start-up long after its answer is given up. */
    private static final ExecutorService PROBES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "source-probe");
        t.setDaemon(true);
        return t;
    });

    private final ConnectorCatalog connectors;

    SourceProbe(ConnectorCatalog connectors) {
        this.connectors = connectors;
    }

    /** Null when the connector's database answers within {@code seconds}, else why not. */
    String unreachable(String connector, int seconds) {
        try {
            Boolean valid = CompletableFuture.supplyAsync(() -> {
                try (Connection c = connectors.dataSource(connector).getConnection()) {
                    return c.isValid(seconds);
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }, PROBES).get(seconds, TimeUnit.SECONDS);
            return Boolean.TRUE.equals(valid) ? null : "connection not valid";
        } catch (TimeoutException e) {
            return "no answer within " + seconds + " s";
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getMessage();
        }
    }
}
