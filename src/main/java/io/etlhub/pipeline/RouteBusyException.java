package io.etlhub.pipeline;


/** A run asked of a route that is running: the reader's sentence is pipeline.refused.busy (or busyElsewhere). */
public class RouteBusyException extends Conflict {
    public RouteBusyException(String routeId) {
        this(routeId, null);
    }

    /** Held by another hub process sharing the hub store (the server, or a one-shot run); a null holder is this process. */
    public RouteBusyException(String routeId, String holder) {
        super(holder == null ? "route '" + routeId + "' is already running; try again when that run has ended"
                        : "route '" + routeId + "' is already running in hub process " + holder + "; try again when that run has ended",
                holder == null ? "pipeline.refused.busy" : "pipeline.refused.busyElsewhere",
                holder == null ? new Object[] {routeId} : new Object[] {routeId, holder});
    }
}
