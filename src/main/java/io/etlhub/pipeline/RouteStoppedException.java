package io.etlhub.pipeline;

import org.apache.camel.ServiceStatus;

/**
 * A run asked of a route that is not started: stopped (autoStartup: false, or from the console), or
 * failing to start (its source is down; Camel's supervising route controller keeps retrying).
 */
public class RouteStoppedException extends RuntimeException {
    RouteStoppedException(String routeId, ServiceStatus status, boolean restarting, Throwable lastStartFailure) {
        super("route " + routeId + " is " + (status == null ? "not started" : status.name().toLowerCase())
                + (!restarting ? ": start it to run it"
                        : ": it cannot start (" + (lastStartFailure == null ? "see its health check" : lastStartFailure.getMessage())
                                + "), Camel retries it with back-off"));
    }
}
