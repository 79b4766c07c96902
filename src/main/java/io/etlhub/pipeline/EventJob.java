package io.etlhub.pipeline;

import org.apache.camel.Exchange;

/**
 * A {@link RouteJob} that also takes single events, such as one row change of an {@code etlhub-cdc:}
 * route: each is handed over as it comes, without a run of its own (a run row per change would weigh
 * more than the change). The same kind runs as a job when the route is started by a schedule or by
 * hand. A failing event goes to the route's error handling (dead letters) like a failed run.
 */
public interface EventJob extends RouteJob {
    /** Whether the exchange carries one event for {@link #onEvent} rather than the start of a run. */
    boolean isEvent(Exchange exchange);

    void onEvent(RouteDefinition route, Exchange exchange) throws Exception;
}
