package io.etlhub.pipeline;

import org.apache.camel.Exchange;

/**
 * An {@link EventJob} that has no runs at all: it is fed only by its route's start, one change at a time
 * from a change stream ({@code from: etlhub-cdc:...}, stage-capture) or one application event
 * ({@code from: direct:<event>}, the event routes). Each exchange opens no run row, and the route cannot
 * be run by hand.
 */
public interface ChangeJob extends EventJob {

    /** The scheme of the route's start that feeds this kind (etlhub-cdc, direct). */
    String fedBy();

    /**
     * Whether a failed exchange goes to the dead letters (true), or only back to what fed it: an event's
     * publication then stays incomplete and is handed out again.
     */
    default boolean deadLetters() { return true; }

    @Override
    default boolean isEvent(Exchange exchange) { return true; }

    @Override
    default void onEvent(RouteDefinition route, Exchange exchange) throws Exception {
        throw new UnsupportedOperationException("etlhub:" + kind() + " has no step of its own");
    }

    @Override
    default void run(RouteDefinition route, RunContext context) {
        throw new UnsupportedOperationException("etlhub:" + kind() + " is fed by its route's start; it has no runs");
    }
}
