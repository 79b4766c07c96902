package io.etlhub.pipeline;

import io.etlhub.connector.IncrementalReader.Cursor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

/** Per-route cursors in the hub store. Saved in the same hub transaction as what was read up to them. */
@Repository
public class Watermarks {
    private final JdbcTemplate hub;
    private final Clock clock;

    public Watermarks(JdbcTemplate hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
    }

    public Cursor load(String routeId) {
        List<Cursor> found = hub.query("SELECT cursor_version, cursor_key FROM route_watermark WHERE route_id = ?",
                (rs, n) -> new Cursor(rs.getString(1), rs.getString(2)), routeId);
        return found.isEmpty() ? Cursor.START : found.get(0);
    }

    public void save(String routeId, Cursor cursor) {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
        int updated = hub.update("UPDATE route_watermark SET cursor_version = ?, cursor_key = ?, updated_at = ? WHERE route_id = ?",
                cursor.version(), cursor.key(), now, routeId);
        if (updated == 0) {
            hub.update("INSERT INTO route_watermark (route_id, cursor_version, cursor_key, updated_at) VALUES (?, ?, ?, ?)",
                    routeId, cursor.version(), cursor.key(), now);
        }
    }

    /** Counts runs since the last full key scan; returns true (and resets) when one is due. */
    public boolean keyScanDue(String routeId, int everyRuns) {
        if (everyRuns <= 0) return false;
        Integer since = hub.query("SELECT runs_since_key_scan FROM route_watermark WHERE route_id = ?",
                rs -> rs.next() ? rs.getInt(1) : null, routeId);
        int next = (since == null ? 0 : since) + 1;
        boolean due = next >= everyRuns;
        hub.update("UPDATE route_watermark SET runs_since_key_scan = ? WHERE route_id = ?", due ? 0 : next, routeId);
        return due;
    }

    public void reset(String routeId) {
        hub.update("DELETE FROM route_watermark WHERE route_id = ?", routeId);
    }
}
