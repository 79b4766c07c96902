package io.etlhub.pipeline;

import org.apache.camel.Exchange;

/**
 * A capability fed by its route's start rather than run by schedule or by hand: one change at a time
 * from a change stream ({@code from: etlhub-cdc:...}), or one application event ({@code from: direct:<event>}).
 * Each exchange is one change or event, not one run: it opens no run row and the route cannot be run by
 * hand. A failure goes back to whatever fed the exchange (the CDC consumer dead-letters the change; an
 * event's publication stays incomplete and is handed out again).
 */
public interface ChangeJob extends RouteJob {

    /** The scheme of the route's start that feeds this kind (etlhub-cdc, direct). */
    String fedBy();

    /** Handles one change; throws to dead-letter it. */
    default void accept(RouteDefinition route, Exchange exchange) throws Exception {
        throw new UnsupportedOperationException("etlhub:" + kind() + " has no step of its own");
    }

    @Override
    default void run(RouteDefinition route, RunContext context) {
        throw new UnsupportedOperationException("etlhub:" + kind() + " is fed by its route's start; it has no runs");
    }
}
