package io.etlhub.pipeline;

import org.apache.camel.ServiceStatus;

/**
 * A run asked of a route that is not started: stopped (autoStartup: false, or from the console), or
 * failing to start (its source is down; Camel's supervising route controller keeps retrying).
 */
public class RouteStoppedException extends RuntimeException {
    RouteStoppedException(String routeId, ServiceStatus status, Throwable whyNotStarted) {
        super("route " + routeId + " is " + (status == null ? "not started" : status.name().toLowerCase())
                + (whyNotStarted == null ? ": start it to run it"
                        : ": it cannot start (" + whyNotStarted.getMessage() + "), Camel retries it with back-off"));
    }
}
