package io.etlhub.connector.webhook;

import io.etlhub.connector.ConnectorDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * The outbox's delivery worker: sends due entries, keeps each endpoint under its rate limit per
 * minute (counted from the outbox itself, so it holds across restarts), retries failures with
 * exponential back-off, waits out a robot's throttle when it answers "too many".
 */
public class WebhookDelivery {
    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

    private final Outbox outbox;
    private final Function<String, ConnectorDefinition> endpoints;
    private final DeliverySettings settings;
    private final Clock clock;
    private final HttpClient http;

    public WebhookDelivery(Outbox outbox, Function<String, ConnectorDefinition> endpoints, DeliverySettings settings, Clock clock) {
        this.outbox = outbox;
        this.endpoints = endpoints;
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
    }

    /** One pass over what is due; returns how many entries were delivered. */
    public synchronized int deliverDue() {
        outbox.recoverStuck(LocalDateTime.now(clock).minus(settings.stuckAfter()));
        int delivered = 0;
        for (Outbox.Entry entry : outbox.due(100)) {
            if (deliver(entry)) delivered++;
        }
        return delivered;
    }

    private boolean deliver(Outbox.Entry entry) {
        ConnectorDefinition target;
        WebhookChannel channel;
        try {
            target = endpoints.apply(entry.endpoint());
            if (target.url() == null || target.url().isBlank()) throw new IllegalArgumentException("its url is empty");
            channel = WebhookChannel.of(target);
        } catch (RuntimeException e) {
            outbox.failed(entry.id(), "endpoint " + entry.endpoint() + ": " + e.getMessage(), null);
            return false;
        }
        LocalDateTime now = LocalDateTime.now(clock);
        int limit = rateLimit(target);
        List<LocalDateTime> recent = outbox.attemptsSince(entry.endpoint(), now.minusMinutes(1));
        if (limit > 0 && recent.size() >= limit) {
            // The oldest attempt in the window leaves it first: try again then.
            outbox.postpone(entry.id(), recent.get(recent.size() - limit).plusMinutes(1));
            return false;
        }
        if (!outbox.claim(entry.id())) return false;
        WebhookChannel.Failure failure;
        try {
            HttpRequest request = HttpRequest.newBuilder(channel.uri(target, clock.instant()))
                    .timeout(settings.requestTimeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(channel.body(target, entry.eventId(),
                            new WebhookMessage(entry.title(), entry.text())), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            failure = channel.check(response.statusCode(), response.body());
        } catch (java.io.IOException | RuntimeException e) {
            failure = new WebhookChannel.Failure(e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new WebhookChannel.Failure("interrupted", false);
        }
        if (failure == null) {
            outbox.delivered(entry.id());
            return true;
        }
        int attempts = entry.attempts() + 1;
        LocalDateTime next;
        if (attempts >= settings.maxAttempts()) {
            next = null;
        } else if (failure.rateLimited()) {
            // DingTalk throttles a robot for 10 minutes once over its limit; WeCom frees it within the minute.
            next = LocalDateTime.now(clock).plus("dingtalk".equals(Json.property(target.properties(), "channel", "json"))
                    ? Duration.ofMinutes(10) : Duration.ofMinutes(1));
        } else {
            next = LocalDateTime.now(clock).plus(settings.backoff(attempts));
        }
        log.warn("notification {} to {} failed (attempt {}): {}{}", entry.eventId(), entry.endpoint(), attempts, failure.error(),
                next == null ? "; giving up" : "; next attempt at " + next);
        outbox.failed(entry.id(), failure.error(), next);
        return false;
    }

    private int rateLimit(ConnectorDefinition target) {
        String v = Json.property(target.properties(), "rate-per-minute", null);
        return v == null ? settings.ratePerMinute() : Integer.parseInt(v.trim());
    }
}
