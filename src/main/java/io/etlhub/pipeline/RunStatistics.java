package io.etlhub.pipeline;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** Aggregates of route_run for the dashboard, computed in the hub store (one grouped query each). */
@Repository
public class RunStatistics {
    private final JdbcTemplate hub;
    private final Clock clock;

    public RunStatistics(JdbcTemplate hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
    }

    public record DayCount(LocalDate day, String status, long runs) {}

    public record RouteTotals(String routeId, long runs, long failedRuns, long read, long applied, long failedRows) {}

    /** Runs per day and status over the last {@code days} days. */
    public List<DayCount> runsPerDay(int days) {
        Timestamp since = Timestamp.valueOf(LocalDate.now(clock).minusDays(days - 1L).atStartOfDay());
        return hub.query("SELECT CAST(started_at AS DATE) AS d, status, COUNT(*) AS n FROM route_run WHERE started_at >= ? "
                        + "GROUP BY CAST(started_at AS DATE), status ORDER BY d, status",
                (rs, n) -> new DayCount(rs.getDate("d").toLocalDate(), rs.getString("status"), rs.getLong("n")), since);
    }

    /** Totals per route over the last {@code days} days. */
    public List<RouteTotals> totalsPerRoute(int days) {
        Timestamp since = Timestamp.valueOf(LocalDate.now(clock).minusDays(days - 1L).atStartOfDay());
        return hub.query("SELECT route_id, COUNT(*) AS runs, SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END) AS failed_runs, "
                        + "SUM(rows_read) AS rd, SUM(rows_applied) AS ap, SUM(rows_failed) AS fr FROM route_run "
                        + "WHERE started_at >= ? GROUP BY route_id ORDER BY route_id",
                (rs, n) -> new RouteTotals(rs.getString("route_id"), rs.getLong("runs"), rs.getLong("failed_runs"),
                        rs.getLong("rd"), rs.getLong("ap"), rs.getLong("fr")), since);
    }
}
