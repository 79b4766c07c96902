package io.etlhub.pipeline;

/** A capability that a route can run. Found by {@link #kind()}, which route files name. */
public interface RouteJob {
    String kind();

    /** Checks the route's own settings when the file is loaded; throws with a clear message. */
    default void validate(RouteDefinition route) {}

    /** Does the work, counting into the context; throws to fail the run. */
    void run(RouteDefinition route, RunContext context) throws Exception;
}
