package io.etlhub.customerview;

import io.etlhub.connector.Dialect;
import io.etlhub.connector.RowBatches;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The line calendars and the line load in the hub store. The load (scheduled hours per line and day,
 * cv_line_load) is worked out from the open work orders streamed from cv_work_orders whenever the MES
 * figures change, so building a view or answering a quote check never holds the work orders in memory:
 * only lines x days.
 */
@Component
class LineLoads {
    private final JdbcTemplate hub;
    private final TransactionTemplate hubTx;
    private volatile JdbcTemplate streaming;

    LineLoads(JdbcTemplate hub, TransactionTemplate hubTx) {
        this.hub = hub;
        this.hubTx = hubTx;
    }

    LineCalendar calendar() {
        Map<String, List<LineCalendar.Shift>> shifts = new HashMap<>();
        hub.query("SELECT line_code, start_time, end_time FROM cv_line_shifts ORDER BY line_code, start_time, end_time, connector, shift_name", rs -> {
            if (rs.getString(2) == null || rs.getString(3) == null) return;
            shifts.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                    .add(new LineCalendar.Shift(LocalTime.parse(rs.getString(2)), LocalTime.parse(rs.getString(3))));
        });
        Set<LocalDate> holidays = new HashSet<>();
        hub.query("SELECT holiday_date FROM cv_holidays", rs -> { holidays.add(rs.getDate(1).toLocalDate()); });
        return new LineCalendar(shifts, holidays);
    }

    /** The load as last worked out; worked out now when the store has work orders but no load yet (a hub upgraded from V14). */
    LineLoad current() {
        LineCalendar calendar = calendar();
        Map<String, Map<LocalDate, Double>> scheduled = new HashMap<>();
        hub.query("SELECT line_code, load_date, scheduled_hours FROM cv_line_load", rs -> {
            scheduled.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getDate(2).toLocalDate(), rs.getDouble(3));
        });
        if (scheduled.isEmpty() && !hub.queryForList("SELECT order_id FROM cv_work_orders WHERE line_code IS NOT NULL LIMIT 1").isEmpty()) {
            return rebuild(calendar);
        }
        return new LineLoad(calendar, scheduled);
    }

    /** Works the load out again from every open work order (streamed) and replaces cv_line_load in one hub transaction. */
    synchronized LineLoad rebuild() {
        return rebuild(calendar());
    }

    private synchronized LineLoad rebuild(LineCalendar calendar) {
        LineLoad load = new LineLoad(calendar, new HashMap<>());
        streaming().query("SELECT line_code, planned_start, planned_end FROM cv_work_orders "
                + "WHERE line_code IS NOT NULL AND planned_start IS NOT NULL AND planned_end IS NOT NULL", rs -> {
            load.add(rs.getString(1), Times.of(rs.getTimestamp(2)), Times.of(rs.getTimestamp(3)));
        });
        List<Object[]> rows = new ArrayList<>();
        load.scheduledHours().forEach((line, days) -> days.forEach((day, hours) -> rows.add(new Object[] {line, java.sql.Date.valueOf(day), hours})));
        hubTx.executeWithoutResult(s -> {
            hub.update("DELETE FROM cv_line_load");
            RowBatches.insert(hub, "cv_line_load", List.of("line_code", "load_date", "scheduled_hours"), rows);
        });
        return load;
    }

    /** A line and day whose scheduled hours changed: before and after (0 when none were scheduled). */
    record Change(String line, LocalDate day, double before, double after) {}

    /**
     * Works the load of these lines and days out again from the open work orders that can occupy them, in the caller's
     * hub transaction (the one that replaced the work orders: the load never lags behind them), and returns the days
     * whose scheduled hours changed. Exact: hours are summed as whole minutes, so a day worked out alone equals the same
     * day of a full {@link #rebuild}. Reads only the work orders of these lines that overlap the days' span per line.
     */
    List<Change> recompute(Map<String, ? extends java.util.NavigableSet<LocalDate>> touched) {
        List<Change> out = new ArrayList<>();
        Map<String, java.util.NavigableSet<LocalDate>> days = new java.util.TreeMap<>();
        touched.forEach((line, d) -> { if (line != null && !d.isEmpty()) days.put(line, d); });
        if (days.isEmpty()) return out;
        StringBuilder orders = new StringBuilder("SELECT line_code, planned_start, planned_end FROM cv_work_orders "
                + "WHERE planned_start IS NOT NULL AND planned_end IS NOT NULL AND (");
        StringBuilder stored = new StringBuilder("SELECT line_code, load_date, scheduled_hours FROM cv_line_load WHERE ");
        List<Object> orderArgs = new ArrayList<>(), storedArgs = new ArrayList<>();
        String or = "";
        for (Map.Entry<String, java.util.NavigableSet<LocalDate>> e : days.entrySet()) {
            for (LocalDate[] run : runs(e.getValue())) {
                // An order occupies the days from LineLoad.firstDay(start) to LineLoad.lastDay(end).
                orders.append(or).append("(line_code = ? AND planned_start < ? AND planned_end >= ?)");
                orderArgs.addAll(List.of(e.getKey(), java.sql.Timestamp.valueOf(run[1].plusDays(2).atStartOfDay()),
                        java.sql.Timestamp.valueOf(run[0].atStartOfDay())));
                stored.append(or).append("(line_code = ? AND load_date BETWEEN ? AND ?)");
                storedArgs.addAll(List.of(e.getKey(), java.sql.Date.valueOf(run[0]), java.sql.Date.valueOf(run[1])));
                or = " OR ";
            }
        }
        LineLoad fresh = new LineLoad(calendar(), new HashMap<>());
        streaming().query(orders.append(")").toString(), rs -> {
            fresh.add(rs.getString(1), Times.of(rs.getTimestamp(2)), Times.of(rs.getTimestamp(3)));
        }, orderArgs.toArray());
        Map<String, Map<LocalDate, Double>> before = new HashMap<>();
        hub.query(stored.toString(), rs -> {
            before.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getDate(2).toLocalDate(), rs.getDouble(3));
        }, storedArgs.toArray());
        List<Object[]> gone = new ArrayList<>(), rows = new ArrayList<>();
        days.forEach((line, set) -> set.forEach(day -> {
            double was = before.getOrDefault(line, Map.of()).getOrDefault(day, 0.0), now = fresh.scheduledHours(line, day);
            if (was == now) return;
            out.add(new Change(line, day, was, now));
            gone.add(new Object[] {line, java.sql.Date.valueOf(day)});
            if (now > 0) rows.add(new Object[] {line, java.sql.Date.valueOf(day), now});
        }));
        if (!gone.isEmpty()) hub.batchUpdate("DELETE FROM cv_line_load WHERE line_code = ? AND load_date = ?", gone);
        RowBatches.insert(hub, "cv_line_load", List.of("line_code", "load_date", "scheduled_hours"), rows);
        return out;
    }

    /** The days as spans of consecutive days (first, last), so that only the orders overlapping them are read. */
    private static List<LocalDate[]> runs(java.util.NavigableSet<LocalDate> days) {
        List<LocalDate[]> out = new ArrayList<>();
        for (LocalDate d : days) {
            LocalDate[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && !d.isAfter(last[1].plusDays(1))) last[1] = d;
            else out.add(new LocalDate[] {d, d});
        }
        return out;
    }

    /** Reads cv_work_orders row by row (MySQL Connector/J otherwise holds the whole result). */
    JdbcTemplate streaming() {
        if (streaming == null) {
            Dialect dialect = hub.execute((java.sql.Connection c) -> Dialect.fromUrl(c.getMetaData().getURL()));
            streaming = dialect.streaming(hub.getDataSource());
        }
        return streaming;
    }
}
