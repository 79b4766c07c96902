package io.etlhub.pipeline;

public class RouteBusyException extends RuntimeException {
    public RouteBusyException(String routeId) {
        super("route '" + routeId + "' is already running; try again when that run has ended");
    }
}
