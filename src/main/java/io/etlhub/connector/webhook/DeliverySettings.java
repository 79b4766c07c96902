package io.etlhub.connector.webhook;

import java.time.Duration;

/**
 * How the worker retries: attempt n waits {@code firstRetry} x 2^(n-1), at most {@code maxRetryDelay};
 * after {@code maxAttempts} the entry is FAILED (visible in GET /api/notifications, retried by an
 * admin). {@code ratePerMinute} is the default limit per endpoint (the robots allow 20).
 */
public record DeliverySettings(Duration firstRetry, Duration maxRetryDelay, int maxAttempts, int ratePerMinute,
                               Duration requestTimeout, Duration stuckAfter) {

    Duration backoff(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 30);
        Duration d = firstRetry.multipliedBy(factor);
        return d.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : d;
    }
}
