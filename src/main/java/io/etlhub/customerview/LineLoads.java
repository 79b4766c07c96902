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
        hub.query("SELECT line_code, start_time, end_time FROM cv_line_shifts", rs -> {
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
            return rebuild();
        }
        return new LineLoad(calendar, scheduled);
    }

    /** Works the load out again from every open work order (streamed) and replaces cv_line_load in one hub transaction. */
    synchronized LineLoad rebuild() {
        LineLoad load = new LineLoad(calendar(), new HashMap<>());
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

    /** Reads cv_work_orders row by row (MySQL Connector/J otherwise holds the whole result). */
    private JdbcTemplate streaming() {
        if (streaming == null) {
            Dialect dialect = hub.execute((java.sql.Connection c) -> Dialect.fromUrl(c.getMetaData().getURL()));
            JdbcTemplate t = new JdbcTemplate(hub.getDataSource());
            t.setFetchSize(dialect.streamingFetchSize());
            streaming = t;
        }
        return streaming;
    }
}
