package io.etlhub.pipeline;

import org.apache.camel.ServiceStatus;

/** A run asked of a route that is stopped (autoStartup: false, or stopped from the console). */
public class RouteStoppedException extends RuntimeException {
    RouteStoppedException(String routeId, ServiceStatus status) {
        super("route " + routeId + " is " + (status == null ? "not started" : status.name().toLowerCase())
                + ": start it to run it");
    }
}
