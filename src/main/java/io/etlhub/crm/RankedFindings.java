package io.etlhub.crm;

import io.etlhub.connector.Dialect;

/**
 * The findings of a data-health rule ranked in the database, worst owner first: the inner query returns
 * record_id, record_no (where it has one), owner, since and its own columns. The same wrapping serves the
 * CRM's reads here and the hub's own (quality reads the hub's captured stage history with it).
 */
public final class RankedFindings {
    private RankedFindings() {}

    /** Owners ranked by their number of findings; the caller appends the row limit (Dialect.limit, or the overload below). */
    public static String byOwner(String findingsSql) {
        return "SELECT z.* FROM (SELECT f.*, COUNT(*) OVER (PARTITION BY COALESCE(f.owner, '')) AS owner_findings FROM ("
                + findingsSql + ") f) z ORDER BY z.owner_findings DESC, z.owner, z.since, z.record_id";
    }

    /** {@link #byOwner} with the row limit appended ({@link Dialect#limit}). */
    public static String byOwner(String findingsSql, Dialect dialect, int limit) {
        return dialect.limit(byOwner(findingsSql), limit);
    }

    /**
     * As {@link #byOwner} for findings of several rules read in one pass: the inner query also returns a kind column;
     * owners are ranked and the cap (the last parameter, after the inner query's own) applied per kind.
     */
    public static String byOwnerPerKind(String findingsSql) {
        return "SELECT z.* FROM (SELECT y.*, ROW_NUMBER() OVER (PARTITION BY y.kind ORDER BY y.owner_findings DESC, y.owner, "
                + "y.since, y.record_id) AS kind_pos FROM (SELECT f.*, COUNT(*) OVER (PARTITION BY f.kind, COALESCE(f.owner, '')) "
                + "AS owner_findings FROM (" + findingsSql + ") f) y) z WHERE z.kind_pos <= ? ORDER BY z.kind, z.kind_pos";
    }
}
