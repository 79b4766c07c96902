package io.etlhub.pipeline;

import org.apache.camel.ServiceStatus;

/**
 * A run asked of a route that is not started: stopped (autoStartup: false, or from the console), or
 * failing to start (its source is down; Camel's supervising route controller keeps retrying). The reader's sentence
 * is pipeline.refused.stopped or pipeline.refused.cannotStart (with why the last start failed).
 */
public class RouteStoppedException extends Conflict {
    RouteStoppedException(String routeId, ServiceStatus status, boolean restarting, Throwable lastStartFailure) {
        super("route " + routeId + " is " + (status == null ? "not started" : status.name().toLowerCase())
                        + (!restarting ? ": start it to run it"
                                : ": it cannot start (" + (lastStartFailure == null ? "see its health check" : lastStartFailure.getMessage())
                                        + "), Camel retries it with back-off"),
                restarting ? "pipeline.refused.cannotStart" : "pipeline.refused.stopped",
                restarting ? new Object[] {routeId, lastStartFailure == null ? "-" : String.valueOf(lastStartFailure.getMessage())}
                        : new Object[] {routeId});
    }
}
