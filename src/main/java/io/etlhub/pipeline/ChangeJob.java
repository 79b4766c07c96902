package io.etlhub.pipeline;

import org.apache.camel.Exchange;

/**
 * A capability fed one change at a time by a streaming start ({@code from: etlhub-cdc:...}): each
 * exchange is one change, not one run, so it opens no run row and cannot be run by hand. A change
 * that fails goes back to its consumer, which keeps it in the dead letters with the change as payload.
 */
public interface ChangeJob extends RouteJob {

    /** Handles one change; throws to dead-letter it. */
    void accept(RouteDefinition route, Exchange exchange) throws Exception;

    @Override
    default void run(RouteDefinition route, RunContext context) {
        throw new UnsupportedOperationException("etlhub:" + kind() + " is fed by the changes of its route's start; it has no runs");
    }
}
