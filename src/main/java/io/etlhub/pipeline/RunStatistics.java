package io.etlhub.pipeline;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** Runs of a route and the sums of its counters (named by its kind). */
    public record RouteTotals(String routeId, long runs, long failedRuns, Map<String, Long> counts) {}

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
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        hub.query("SELECT r.route_id, c.name, SUM(c.amount) FROM route_run r JOIN route_run_count c ON c.run_id = r.id "
                        + "WHERE r.started_at >= ? GROUP BY r.route_id, c.name ORDER BY r.route_id, c.name",
                rs -> { counts.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3)); }, since);
        List<RouteTotals> out = new ArrayList<>();
        hub.query("SELECT route_id, COUNT(*) AS runs, SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END) AS failed_runs FROM route_run "
                        + "WHERE started_at >= ? GROUP BY route_id ORDER BY route_id",
                rs -> { out.add(new RouteTotals(rs.getString(1), rs.getLong(2), rs.getLong(3), counts.getOrDefault(rs.getString(1), Map.of()))); },
                since);
        return out;
    }
}
