package io.etlhub.notification;

import io.etlhub.pipeline.ChangeJob;
import io.etlhub.pipeline.RouteDefinition;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Route kind {@code event}: a route file that starts from {@code direct:<event>} (routes/notify-unmatched.yaml)
 * is fed by the hub's application events, one exchange per event, and ends in its own steps, typically
 * {@code etlhub-notify:<webhook connector>}. {@link EventNotifier} hands the events over.
 */
@Component
class EventRoutes implements ChangeJob {
    /**
     * The events a route can start from: direct:run-finished, direct:run-failed, direct:receipts-left-unmatched,
     * direct:customer-figures-changed, direct:lapse-fired.
     */
    static final List<String> EVENTS = List.of("run-finished", "run-failed", "receipts-left-unmatched", "customer-figures-changed", "lapse-fired");

    @Override
    public String kind() { return "event"; }

    @Override
    public String fedBy() { return "direct"; }

    /** A failed event stays an incomplete publication, handed out again: no dead letter. */
    @Override
    public boolean deadLetters() { return false; }

    @Override
    public void validate(RouteDefinition route) {
        String event = event(route.from());
        if (!EVENTS.contains(event)) {
            throw new IllegalArgumentException("unknown event 'direct:" + event + "': a route starts from one of "
                    + EVENTS.stream().map(e -> "direct:" + e).toList());
        }
    }

    /** The event of a start URI, direct:receipts-left-unmatched or direct://receipts-left-unmatched. */
    static String event(String from) {
        String path = from.substring(from.indexOf(':') + 1).replaceFirst("^//", "");
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }
}
