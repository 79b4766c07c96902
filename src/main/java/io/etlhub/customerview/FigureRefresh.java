package io.etlhub.customerview;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.Dialect;
import io.etlhub.connector.IncrementalReader;
import io.etlhub.connector.RowVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one figure of a source connector into the hub store (cv_* tables): all of it on a full refresh,
 * else only the keys whose rows changed after the saved version (rowversion up to the safe upper bound,
 * or modify time re-read with an overlap). The rows of a key are replaced in one hub transaction with
 * the new watermark; a source that fails leaves the last good rows and records the failure.
 */
@Component
class FigureRefresh {
    private static final Logger log = LoggerFactory.getLogger(FigureRefresh.class);
    private static final int CHUNK = 500;
    /** Modify times are re-read this far back: a row written in the same instant as the last one read is not lost. */
    private static final long OVERLAP_SECONDS = 60;

    /** What changed: every key (all = true, a full refresh) or these first keys. */
    record Changed(Figure figure, boolean all, Set<String> keys, long rows) {}

    private final ConnectorCatalog connectors;
    private final JdbcTemplate hub;
    private final TransactionTemplate hubTx;
    private final Clock clock;
    private final CustomerViewSettings settings;

    FigureRefresh(ConnectorCatalog connectors, JdbcTemplate hub, TransactionTemplate hubTx, Clock clock, CustomerViewSettings settings) {
        this.connectors = connectors;
        this.hub = hub;
        this.hubTx = hubTx;
        this.clock = clock;
        this.settings = settings;
    }

    Changed refresh(String connector, CustomerViewMapping mapping, Figure figure, CustomerViewMapping.FigureQuery q, boolean forceFull) {
        try {
            return read(connector, mapping, figure, q, forceFull);
        } catch (RuntimeException e) {
            recordFailure(connector, figure, mapping.system(), e);
            throw e;
        }
    }

    private Changed read(String connector, CustomerViewMapping mapping, Figure figure, CustomerViewMapping.FigureQuery q, boolean forceFull) {
        Dialect dialect = connectors.dialect(connector);
        NamedParameterJdbcTemplate source = new NamedParameterJdbcTemplate(connectors.jdbc(connector));
        Map<String, Object> state = state(connector, figure);
        LocalDateTime now = LocalDateTime.now(clock);
        String watermark = state == null ? null : (String) state.get("watermark");
        LocalDateTime fullAt = state == null ? null : Times.of(state.get("full_at"));
        boolean full = forceFull || watermark == null || fullAt == null
                || fullAt.isBefore(now.minusHours(settings.fullRefreshHours()));
        boolean rowversion = mapping.versionType() == IncrementalReader.VersionType.ROWVERSION;
        MapSqlParameterSource params = new MapSqlParameterSource("since",
                Timestamp.valueOf(now.toLocalDate().minusDays(settings.shipmentWindowDays()).atStartOfDay()));
        Long upper = null;
        String upperSql = mapping.safeUpperBound() == null ? null : mapping.safeUpperBound().get(dialect.key());
        if (rowversion && upperSql != null && !upperSql.isBlank()) upper = source.getJdbcTemplate().queryForObject(upperSql, Long.class);
        String where = " WHERE (" + (q.where() == null || q.where().isBlank() ? "1 = 1" : q.where()) + ")";
        String key0 = q.keys().values().iterator().next();

        if (full) {
            String maxSql = "SELECT MAX(" + q.version() + ") FROM " + q.from() + where;
            Object max = source.queryForObject(maxSql, params, Object.class);
            String newMark = rowversion ? (upper != null ? String.valueOf(upper) : max == null ? "0" : String.valueOf(RowVersions.toLong(max)))
                    : (max == null ? now.toString() : versionText(max));
            List<Object[]> rows = source.query(select(figure, q, where), params, (rs, n) -> row(figure, rs));
            List<Object[]> kept = keep(figure, mapping, rows);
            hubTx.executeWithoutResult(s -> {
                hub.update("DELETE FROM " + figure.table + " WHERE connector = ?", connector);
                insert(connector, figure, kept);
                saveState(connector, figure, mapping.system(), newMark, true, now);
            });
            return new Changed(figure, true, Set.of(), kept.size());
        }

        // Changed keys after the watermark.
        String changedSql = "SELECT " + key0 + ", MAX(" + q.version() + ") FROM " + q.from() + where;
        if (rowversion) {
            changedSql += " AND " + q.version() + " > :after";
            params.addValue("after", dialect.bindRowVersion(Long.parseLong(watermark)));
            if (upper != null) {
                changedSql += " AND " + q.version() + " <= :upper";
                params.addValue("upper", dialect.bindRowVersion(upper));
            }
        } else {
            changedSql += " AND " + q.version() + " >= :after";
            params.addValue("after", Timestamp.valueOf(LocalDateTime.parse(watermark).minusSeconds(OVERLAP_SECONDS)));
        }
        changedSql += " GROUP BY " + key0;
        Set<String> keys = new LinkedHashSet<>();
        String[] newMark = {watermark};
        source.query(changedSql, params, rs -> {
            String k = text(rs.getString(1));
            if (k != null) keys.add(k);
            Object v = rs.getObject(2);
            if (v != null) {
                String t = rowversion ? String.valueOf(RowVersions.toLong(v)) : versionText(v);
                if (later(t, newMark[0], rowversion)) newMark[0] = t;
            }
        });
        if (rowversion && upper != null && later(String.valueOf(upper), newMark[0], true)) newMark[0] = String.valueOf(upper);
        List<String> keyList = new ArrayList<>(keys);
        long[] count = {0};
        for (int i = 0; i < Math.max(1, keyList.size()); i += CHUNK) {
            List<String> chunk = keyList.isEmpty() ? List.of() : keyList.subList(i, Math.min(keyList.size(), i + CHUNK));
            List<Object[]> kept;
            if (chunk.isEmpty()) {
                kept = List.of();
            } else {
                params.addValue("keys", chunk);
                String sql = select(figure, q, where + " AND " + key0 + " IN (:keys)");
                kept = keep(figure, mapping, source.query(sql, params, (rs, n) -> row(figure, rs)));
            }
            boolean last = i + CHUNK >= keyList.size();
            hubTx.executeWithoutResult(s -> {
                if (!chunk.isEmpty()) {
                    new NamedParameterJdbcTemplate(hub).update("DELETE FROM " + figure.table + " WHERE connector = :c AND "
                            + figure.keys.get(0).column() + " IN (:keys)", new MapSqlParameterSource("c", connector).addValue("keys", chunk));
                    insert(connector, figure, kept);
                }
                // The watermark moves with the last chunk only: a run stopped half-way reads the rest again.
                if (last) saveState(connector, figure, mapping.system(), newMark[0], false, now);
            });
            count[0] += kept.size();
        }
        return new Changed(figure, false, Collections.unmodifiableSet(keys), count[0]);
    }

    private static boolean later(String candidate, String current, boolean rowversion) {
        if (current == null) return true;
        return rowversion ? Long.parseLong(candidate) > Long.parseLong(current)
                : LocalDateTime.parse(candidate).isAfter(LocalDateTime.parse(current));
    }

    private static String select(Figure figure, CustomerViewMapping.FigureQuery q, String where) {
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> exprs = new ArrayList<>();
        for (Figure.Field k : figure.keys) exprs.add(q.keys().get(k.name()));
        for (Figure.Field v : figure.values) exprs.add(q.values().get(v.name()));
        sql.append(String.join(", ", exprs)).append(" FROM ").append(q.from()).append(where);
        if (figure.summed) {
            List<String> keys = new ArrayList<>();
            for (Figure.Field k : figure.keys) keys.add(q.keys().get(k.name()));
            sql.append(" GROUP BY ").append(String.join(", ", keys));
        }
        return sql.toString();
    }

    /** Rows without a key are left out (logged); for work orders only the open states are kept; one row per key. */
    private static List<Object[]> keep(Figure figure, CustomerViewMapping mapping, List<Object[]> rows) {
        Map<List<Object>, Object[]> byKey = new LinkedHashMap<>();
        int stateAt = figure.fields().indexOf(figure.fields().stream().filter(f -> f.name().equals("state")).findFirst().orElse(null));
        int skipped = 0;
        for (Object[] r : rows) {
            boolean keyless = false;
            for (int i = 0; i < figure.keys.size(); i++) keyless |= r[i] == null;
            if (keyless) { skipped++; continue; }
            if (stateAt >= 0 && mapping.openStates() != null && !mapping.openStates().isEmpty()
                    && !mapping.openStates().contains(String.valueOf(r[stateAt]))) continue;
            byKey.put(java.util.Arrays.asList(r).subList(0, figure.keys.size()), r);
        }
        if (skipped > 0) log.warn("customer view: {} rows of figure {} have an empty key and were left out", skipped, figure.mappingName);
        return new ArrayList<>(byKey.values());
    }

    private static Object[] row(Figure figure, ResultSet rs) throws SQLException {
        List<Figure.Field> fields = figure.fields();
        Object[] out = new Object[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            int col = i + 1;
            out[i] = switch (fields.get(i).type()) {
                case TEXT -> text(rs.getString(col));
                case DECIMAL -> rs.getBigDecimal(col);
                case DATETIME -> rs.getTimestamp(col);
                case DATE -> {
                    Timestamp t = rs.getTimestamp(col);
                    yield t == null ? null : java.sql.Date.valueOf(t.toLocalDateTime().toLocalDate());
                }
                case TIME -> {
                    String t = text(rs.getString(col));
                    yield t == null ? null : t.length() > 5 ? t.substring(0, 5) : t;
                }
            };
        }
        return out;
    }

    private void insert(String connector, Figure figure, List<Object[]> rows) {
        if (rows.isEmpty()) return;
        List<String> cols = new ArrayList<>(List.of("connector"));
        figure.fields().forEach(f -> cols.add(f.column()));
        String sql = "INSERT INTO " + figure.table + " (" + String.join(", ", cols) + ") VALUES ("
                + String.join(", ", Collections.nCopies(cols.size(), "?")) + ")";
        List<Object[]> args = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Object[] a = new Object[r.length + 1];
            a[0] = connector;
            System.arraycopy(r, 0, a, 1, r.length);
            args.add(a);
        }
        for (int i = 0; i < args.size(); i += 1000) hub.batchUpdate(sql, args.subList(i, Math.min(args.size(), i + 1000)));
    }

    private Map<String, Object> state(String connector, Figure figure) {
        List<Map<String, Object>> rows = hub.queryForList("SELECT watermark, full_at FROM cv_source_state WHERE connector = ? AND figure = ?",
                connector, figure.mappingName);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private void saveState(String connector, Figure figure, String system, String watermark, boolean full, LocalDateTime now) {
        Timestamp ts = Timestamp.valueOf(now);
        int n = hub.update("UPDATE cv_source_state SET source_system = ?, as_of = ?, watermark = ?, failed_at = NULL, error = NULL"
                + (full ? ", full_at = ?" : "") + " WHERE connector = ? AND figure = ?",
                full ? new Object[] {system, ts, watermark, ts, connector, figure.mappingName}
                        : new Object[] {system, ts, watermark, connector, figure.mappingName});
        if (n == 0) {
            hub.update("INSERT INTO cv_source_state (connector, figure, source_system, as_of, watermark, full_at) VALUES (?, ?, ?, ?, ?, ?)",
                    connector, figure.mappingName, system, ts, watermark, full ? ts : null);
        }
    }

    private void recordFailure(String connector, Figure figure, String system, RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        String error = ("connector " + connector + ", figure " + figure.mappingName + ": " + message);
        String cut = error.length() > 1000 ? error.substring(0, 1000) : error;
        Timestamp ts = Timestamp.valueOf(LocalDateTime.now(clock));
        hubTx.executeWithoutResult(s -> {
            int n = hub.update("UPDATE cv_source_state SET failed_at = ?, error = ? WHERE connector = ? AND figure = ?",
                    ts, cut, connector, figure.mappingName);
            if (n == 0) {
                hub.update("INSERT INTO cv_source_state (connector, figure, source_system, failed_at, error) VALUES (?, ?, ?, ?, ?)",
                        connector, figure.mappingName, system, ts, cut);
            }
        });
    }

    private static String versionText(Object v) {
        if (v instanceof java.sql.Date d) return d.toLocalDate().atStartOfDay().toString();
        return Times.of(v).toString();
    }

    private static String text(String s) {
        if (s == null) return null;
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }
}
