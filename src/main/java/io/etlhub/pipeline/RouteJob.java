package io.etlhub.pipeline;

import io.etlhub.connector.TableNeed;

import java.util.List;

/**
 * A capability that a route can run: the work behind the {@code etlhub:<kind>} step. Found by
 * {@link #kind()}, which route files name.
 */
public interface RouteJob {
    String kind();

    /** Checks the route's own settings when the file is loaded; throws with a clear message. */
    default void validate(RouteDefinition route) {}

    /**
     * The counters this kind counts into {@link RunContext#count} (receipts: read, applied, ...). They
     * are registered as metrics when the route loads; a job may count others too.
     */
    default List<String> counters() { return List.of(); }

    /** The tables, columns and privileges a run needs, for `run check`; the CRM's mapped tables are checked anyway. */
    default List<TableNeed> tablesNeeded(RouteDefinition route) { return List.of(); }

    /** The parameters a run by hand asks for (the console's run-now form); none by default. */
    default List<RunParameter> parameters() { return List.of(); }

    /**
     * Checks the parameters of a run by hand before it starts; throws {@link BadRunParameterException} (a 400 with a
     * translated message) so that a typo is neither a failed run nor a dead letter.
     */
    default void checkParameters(java.util.Map<String, String> parameters) {}

    /** Does the work, counting into the context; throws to fail the run. */
    void run(RouteDefinition route, RunContext context) throws Exception;
}
