package io.etlhub.pipeline;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.RouteError;
import org.apache.camel.spi.SupervisingRouteController;
import org.apache.camel.util.backoff.BackOffTimer;

import java.time.Instant;

/**
 * What Camel's supervising route controller says of a route that did not start (its source is down): being retried
 * with back-off (Restarting) or given up after camel.routecontroller.back-off-max-attempts (Exhausted), why the last
 * attempt failed, and when the next one comes. Null everywhere under another route controller.
 */
record SupervisedStarts(String state, String problem, Long attempts, Instant nextAttempt) {
    static final String RESTARTING = "Restarting";
    static final String EXHAUSTED = "Exhausted";

    /** The route's start as supervised, or null when it is not being retried or given up. */
    static SupervisedStarts of(CamelContext camel, String routeId) {
        if (camel == null || !(camel.getRouteController() instanceof SupervisingRouteController s)) return null;
        String state = s.getRestartingRoutes().stream().anyMatch(r -> r.getId().equals(routeId)) ? RESTARTING
                : s.getExhaustedRoutes().stream().anyMatch(r -> r.getId().equals(routeId)) ? EXHAUSTED : null;
        if (state == null) return null;
        Throwable why = why(s, camel, routeId);
        BackOffTimer.Task task = s.getRestartingRouteState(routeId);
        Long attempts = task == null ? null : task.getCurrentAttempts();
        Instant next = task == null || !RESTARTING.equals(state) || task.getNextAttemptTime() <= 0 ? null
                : Instant.ofEpochMilli(task.getNextAttemptTime());
        return new SupervisedStarts(state, why == null ? null : message(why), attempts, next);
    }

    /** Why the route's last start failed, or null; the controller keeps it from the first retry on. */
    static Throwable why(CamelContext camel, String routeId) {
        return camel.getRouteController() instanceof SupervisingRouteController s ? why(s, camel, routeId) : null;
    }

    private static Throwable why(SupervisingRouteController s, CamelContext camel, String routeId) {
        Throwable why = s.getRestartException(routeId);
        // Before the first retry the controller keeps no reason: the failed start's own, which Camel keeps on the route.
        org.apache.camel.Route route = camel.getRoute(routeId);
        if (why == null && route != null && route.getLastError() != null && route.getLastError().getPhase() == RouteError.Phase.START) {
            why = route.getLastError().getException();
        }
        return why;
    }

    /** The innermost message that says something (Camel wraps the step's own reason). */
    private static String message(Throwable t) {
        String found = t.getMessage();
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null) found = c.getMessage();
        }
        return found;
    }

    /**
     * True when Camel's supervising route controller does not control the route: it was loaded with autoStartup: false,
     * and the controller then leaves it to be started by hand, without back-off.
     */
    static boolean unsupervised(CamelContext camel, String routeId) {
        return camel != null && camel.getRoute(routeId) != null && camel.getRouteController() instanceof SupervisingRouteController s
                && s.getControlledRoutes().stream().noneMatch(r -> r.getId().equals(routeId));
    }

    static boolean restarting(CamelContext camel, String routeId) {
        SupervisedStarts s = of(camel, routeId);
        return s != null && RESTARTING.equals(s.state());
    }
}
