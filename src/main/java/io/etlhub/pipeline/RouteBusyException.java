package io.etlhub.pipeline;

public class RouteBusyException extends RuntimeException {
    public RouteBusyException(String routeId) {
        super("route '" + routeId + "' is already running; try again when that run has ended");
    }

    /** Held by another hub process sharing the hub store (the server, or a one-shot run). */
    public RouteBusyException(String routeId, String holder) {
        super(holder == null ? "route '" + routeId + "' is already running; try again when that run has ended"
                : "route '" + routeId + "' is already running in hub process " + holder + "; try again when that run has ended");
    }
}
