package io.etlhub.customerview;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.Dialect;
import io.etlhub.connector.IncrementalReader;
import io.etlhub.connector.RowBatches;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one figure of a source connector into the hub store (cv_* tables): all of it on a full refresh,
 * else only the keys whose rows changed after the saved version (rowversion up to the safe upper bound,
 * or modify time re-read with an overlap). The rows of a key are replaced in one hub transaction with
 * the new watermark; a source that fails leaves the last good rows and records the failure.
 * <p>
 * Rows that leave the source without a new version (deleted, a work order closed by a mapping whose
 * where hides closed ones, a shipment falling out of the window) are found by counting: cv_key_rows
 * keeps how many source rows stand behind each first key; when the source's count differs from the
 * hub's after the changed keys were read, a key scan (pages of hub keys, counted in the source) names
 * the keys to read again. Source rows are streamed in key order and written in batches, so memory does
 * not grow with the number of rows.
 */
@Component
class FigureRefresh {
    private static final Logger log = LoggerFactory.getLogger(FigureRefresh.class);
    private static final int CHUNK = 500;
    /** Work orders read again by key up to this many move the load of their days; more, the whole load is worked out again. */
    private static final int LOAD_BY_DAYS_KEYS = 4 * CHUNK;
    private static final int BATCH = 1000;
    private static final int SCAN_PAGE = RowBatches.IN_LIST;
    private static final List<String> KEY_ROW_COLUMNS = List.of("connector", "figure", "key_value", "source_rows");
    /** cv_key_rows holds a key scan's source counts, for the length of the scan, under the figure's name and this. */
    private static final String SCANNED = "@scan";
    /** Modify times are re-read this far back: a row written in the same instant as the last one read is not lost. */
    private static final long OVERLAP_SECONDS = 60;

    /**
     * What changed: every key (all = true, a full refresh) or these first keys; for figures with a customer,
     * the customers of the rows replaced, before and after (a work order closed names the customer it left);
     * for work orders, the lines and days whose load they moved (worked out again in the same hub transaction), or
     * loadRebuild when so many were read again that the whole load is worked out again at once instead.
     * Recovered: the figure's last refresh had failed (its views show it stale until rebuilt).
     */
    record Changed(Figure figure, boolean all, Set<String> keys, Set<String> customers, long rows,
                   List<LineLoads.Change> loadChanges, boolean loadRebuild, boolean recovered, RowWarnings warnings) {}

    private final ConnectorCatalog connectors;
    private final JdbcTemplate hub;
    private final NamedParameterJdbcTemplate hubNamed;
    private final TransactionTemplate hubTx;
    private final Clock clock;
    private final CustomerViewSettings settings;
    private final LineLoads lineLoads;

    FigureRefresh(ConnectorCatalog connectors, JdbcTemplate hub, TransactionTemplate hubTx, Clock clock, CustomerViewSettings settings,
                  LineLoads lineLoads) {
        this.lineLoads = lineLoads;
        this.connectors = connectors;
        this.hub = hub;
        this.hubNamed = new NamedParameterJdbcTemplate(hub);
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
        NamedParameterJdbcTemplate streaming = new NamedParameterJdbcTemplate(dialect.streaming(connectors.dataSource(connector)));
        Map<String, Object> state = state(connector, figure);
        LocalDateTime now = LocalDateTime.now(clock);
        String watermark = state == null ? null : (String) state.get("watermark");
        LocalDateTime fullAt = state == null ? null : Times.of(state.get("full_at"));
        boolean recovered = state != null && state.get("failed_at") != null;
        boolean full = forceFull || watermark == null || fullAt == null
                || fullAt.isBefore(now.minusHours(settings.fullRefreshHours()))
                || !counted(connector, figure); // rows read before V22 have no counts yet
        boolean rowversion = mapping.versionType() == IncrementalReader.VersionType.ROWVERSION;
        MapSqlParameterSource params = new MapSqlParameterSource("since",
                Timestamp.valueOf(now.toLocalDate().minusDays(settings.shipmentWindowDays()).atStartOfDay()));
        Long upper = null;
        String upperSql = mapping.safeUpperBound() == null ? null : mapping.safeUpperBound().get(dialect.key());
        if (rowversion && upperSql != null && !upperSql.isBlank()) upper = source.getJdbcTemplate().queryForObject(upperSql, Long.class);
        String where = " WHERE (" + (q.where() == null || q.where().isBlank() ? "1 = 1" : q.where()) + ")";
        // What the hub keeps: the mapping's where and, for work orders, the open states. Changes are looked for
        // without the states, so that a work order closed is read again and leaves the hub.
        String kept = where + openStates(figure, mapping, q, params);
        String key0 = SourceKeys.sql(figure.keys.get(0), q.keys().get(figure.keys.get(0).name()));
        RowWarnings warnings = new RowWarnings(connector, figure, q);

        if (full) {
            String maxSql = "SELECT MAX(" + q.version() + ") FROM " + q.from() + where;
            Object max = source.queryForObject(maxSql, params, Object.class);
            String newMark = rowversion ? (upper != null ? String.valueOf(upper) : max == null ? "0" : String.valueOf(RowVersions.toLong(max)))
                    : (max == null ? now.toString() : versionText(max));
            long rows = hubTx.execute(s -> {
                hub.update("DELETE FROM " + figure.table + " WHERE connector = ?", connector);
                hub.update("DELETE FROM cv_key_rows WHERE connector = ? AND figure = ?", connector, figure.mappingName);
                RowWriter writer = new RowWriter(connector, figure, q, null, null, warnings);
                streaming.query(select(figure, q, kept), params, writer::add);
                writer.finish();
                saveState(connector, figure, mapping.system(), newMark, true, now);
                return writer.rows;
            });
            warnings.log();
            return new Changed(figure, true, Set.of(), Set.of(), rows, List.of(), figure.occupiesLines(), recovered, warnings);
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
            String k = keyText(figure, rs);
            if (k != null) keys.add(k);
            Object v = rs.getObject(2);
            if (v != null) {
                String t = rowversion ? String.valueOf(RowVersions.toLong(v)) : versionText(v);
                if (later(t, newMark[0], rowversion)) newMark[0] = t;
            }
        });
        if (rowversion && upper != null && later(String.valueOf(upper), newMark[0], true)) newMark[0] = String.valueOf(upper);
        Set<String> customers = new TreeSet<>();
        // Each chunk works out the load of its orders' days again (a read of the orders on those days): for many
        // chunks, one rebuild of the whole load afterwards costs less.
        boolean byDays = keys.size() <= LOAD_BY_DAYS_KEYS;
        List<LineLoads.Change> loadChanges = figure.occupiesLines() && byDays ? new ArrayList<>() : null;
        // The watermark moves with the last chunk only: a run stopped half-way reads the rest again.
        long rows = reread(connector, figure, q, kept, key0, params, streaming, new ArrayList<>(keys), customers, loadChanges, warnings,
                () -> saveState(connector, figure, mapping.system(), newMark[0], false, now));
        Set<String> vanished = vanished(connector, figure, q, kept, key0, params, source, streaming);
        vanished.removeAll(keys);
        if (!vanished.isEmpty()) {
            log.info("customer view: connector {} figure {}: {} keys lost source rows without a new version, read again",
                    connector, figure.mappingName, vanished.size());
            byDays &= vanished.size() <= LOAD_BY_DAYS_KEYS;
            rows += reread(connector, figure, q, kept, key0, params, streaming, new ArrayList<>(vanished), customers,
                    byDays ? loadChanges : null, warnings, null);
            keys.addAll(vanished);
        }
        warnings.log();
        return new Changed(figure, false, Collections.unmodifiableSet(keys), customers, rows, loadChanges == null ? List.of() : loadChanges,
                figure.occupiesLines() && !byDays, recovered, warnings);
    }

    /** For work orders: only the mapping's open states (in SQL, so that the counts compare like with like). */
    private static String openStates(Figure figure, CustomerViewMapping mapping, CustomerViewMapping.FigureQuery q, MapSqlParameterSource params) {
        String state = q.values() == null ? null : q.values().get("state");
        if (state == null || !figure.hasField("state") || mapping.openStates() == null || mapping.openStates().isEmpty()) return "";
        params.addValue("openStates", mapping.openStates());
        return " AND " + state + " IN (:openStates)";
    }

    /**
     * Replaces the hub's rows of these first keys, CHUNK keys per hub transaction; afterLast runs in the last one.
     * For work orders (loadChanges not null), the line load of the days the replaced orders occupied, before and
     * after, is worked out again in the same transaction.
     */
    private long reread(String connector, Figure figure, CustomerViewMapping.FigureQuery q, String kept, String key0, MapSqlParameterSource params,
                        NamedParameterJdbcTemplate streaming, List<String> keyList, Set<String> customers, List<LineLoads.Change> loadChanges,
                        RowWarnings warnings, Runnable afterLast) {
        long rows = 0;
        int passes = afterLast == null ? keyList.size() : Math.max(1, keyList.size());
        for (int i = 0; i < passes; i += CHUNK) {
            List<String> chunk = keyList.isEmpty() ? List.of() : keyList.subList(i, Math.min(keyList.size(), i + CHUNK));
            boolean last = i + CHUNK >= keyList.size();
            rows += hubTx.execute(s -> {
                long n = 0;
                if (!chunk.isEmpty()) {
                    MapSqlParameterSource k = new MapSqlParameterSource("c", connector).addValue("keys", chunk).addValue("f", figure.mappingName);
                    String byKey = " WHERE connector = :c AND " + figure.keys.get(0).column() + " IN (:keys)";
                    Figure.Field customer = figure.field("customer");
                    LineDays occupied = figure.occupiesLines() && loadChanges != null ? new LineDays() : null;
                    if (occupied != null) {
                        hubNamed.query("SELECT " + customer.column() + ", " + figure.field("line").column() + ", "
                                + figure.field("planned-start").column() + ", " + figure.field("planned-end").column() + " FROM " + figure.table + byKey, k, rs -> {
                            if (rs.getString(1) != null) customers.add(rs.getString(1));
                            occupied.add(rs.getString(2), Times.of(rs.getTimestamp(3)), Times.of(rs.getTimestamp(4)));
                        });
                    } else if (customer != null) {
                        hubNamed.query("SELECT DISTINCT " + customer.column() + " FROM " + figure.table + byKey, k,
                                rs -> { if (rs.getString(1) != null) customers.add(rs.getString(1)); });
                    }
                    hubNamed.update("DELETE FROM " + figure.table + byKey, k);
                    hubNamed.update("DELETE FROM cv_key_rows WHERE connector = :c AND figure = :f AND key_value IN (:keys)", k);
                    params.addValue("keys", chunk);
                    RowWriter writer = new RowWriter(connector, figure, q, customers, occupied, warnings);
                    streaming.query(select(figure, q, kept + " AND " + key0 + " IN (:keys)"), params, writer::add);
                    writer.finish();
                    if (occupied != null) loadChanges.addAll(lineLoads.recompute(occupied.days));
                    n = writer.rows;
                }
                if (last && afterLast != null) afterLast.run();
                return n;
            });
        }
        return rows;
    }

    /**
     * First keys whose rows left the source without a new version. Cheap when nothing did: one count in the
     * source and one in the hub. Else the hub's keys are counted in the source a page at a time, or, for codes
     * (SourceKeys: the source cannot look them up by an index), all at once.
     */
    private Set<String> vanished(String connector, Figure figure, CustomerViewMapping.FigureQuery q, String kept, String key0,
                                 MapSqlParameterSource params, NamedParameterJdbcTemplate source, NamedParameterJdbcTemplate streaming) {
        Long inSource = source.queryForObject("SELECT COUNT(*) FROM " + q.from() + kept + " AND " + key0 + " IS NOT NULL", params, Long.class);
        Long inHub = hub.queryForObject("SELECT COALESCE(SUM(source_rows), 0) FROM cv_key_rows WHERE connector = ? AND figure = ?",
                Long.class, connector, figure.mappingName);
        Set<String> out = new LinkedHashSet<>();
        if (java.util.Objects.equals(inSource, inHub)) return out;
        long started = System.nanoTime();
        try {
            if (SourceKeys.isCode(figure.keys.get(0))) scanOnce(connector, figure, q, kept, key0, params, streaming, out);
            else scan(connector, figure, q, kept, key0, params, source, out);
        } finally {
            log.info("customer view: connector {} figure {}: {} source rows, {} in the hub: key scan {} s, {} keys differ", connector,
                    figure.mappingName, inSource, inHub, String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - started) / 1e9), out.size());
        }
        return out;
    }

    /**
     * The source's count per code, grouped in one scan of the source and streamed into cv_key_rows under the figure's
     * scan name (SCANNED), compared there with the hub's counts (same collation on both sides): a page of codes counted
     * in the source would scan it once per page, since a normalised code has no index there. Held in memory: one batch.
     */
    private void scanOnce(String connector, Figure figure, CustomerViewMapping.FigureQuery q, String kept, String key0,
                          MapSqlParameterSource params, NamedParameterJdbcTemplate streaming, Set<String> out) {
        String scanned = figure.mappingName + SCANNED;
        hubTx.executeWithoutResult(s -> {
            hub.update("DELETE FROM cv_key_rows WHERE connector = ? AND figure = ?", connector, scanned);
            Map<String, Long> batch = new java.util.LinkedHashMap<>();
            streaming.query("SELECT " + key0 + ", COUNT(*) FROM " + q.from() + kept + " AND " + key0 + " IS NOT NULL GROUP BY " + key0,
                    params, rs -> {
                        String k = keyText(figure, rs);
                        batch.merge(k == null ? "" : k, rs.getLong(2), Long::sum);
                        if (batch.size() >= BATCH) scanBatch(connector, scanned, batch);
                    });
            scanBatch(connector, scanned, batch);
            hub.query("SELECT r.key_value FROM cv_key_rows r LEFT JOIN cv_key_rows c ON c.connector = r.connector AND c.figure = ? "
                    + "AND c.key_value = r.key_value WHERE r.connector = ? AND r.figure = ? AND (c.source_rows IS NULL OR c.source_rows <> r.source_rows)",
                    rs -> { out.add(rs.getString(1)); }, scanned, connector, figure.mappingName);
            hub.update("DELETE FROM cv_key_rows WHERE connector = ? AND figure = ?", connector, scanned);
        });
    }

    private void scanBatch(String connector, String scanned, Map<String, Long> batch) {
        List<Object[]> rows = new ArrayList<>();
        batch.forEach((k, n) -> rows.add(new Object[] {connector, scanned, k, n}));
        RowBatches.insert(hub, "cv_key_rows", KEY_ROW_COLUMNS, rows);
        batch.clear();
    }

    /** Pages of the hub's keys counted in the source: a count per page, per key where the page's differs. */
    private void scan(String connector, Figure figure, CustomerViewMapping.FigureQuery q, String kept, String key0,
                      MapSqlParameterSource params, NamedParameterJdbcTemplate source, Set<String> out) {
        String after = null;
        while (true) {
            List<Object[]> page = after == null
                    ? hub.query("SELECT key_value, source_rows FROM cv_key_rows WHERE connector = ? AND figure = ? ORDER BY key_value LIMIT "
                            + SCAN_PAGE, (rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)}, connector, figure.mappingName)
                    : hub.query("SELECT key_value, source_rows FROM cv_key_rows WHERE connector = ? AND figure = ? AND key_value > ? "
                            + "ORDER BY key_value LIMIT " + SCAN_PAGE, (rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)},
                            connector, figure.mappingName, after);
            if (page.isEmpty()) break;
            Map<String, Long> there = new java.util.HashMap<>();
            params.addValue("keys", page.stream().map(r -> (String) r[0]).toList());
            // Most pages lost nothing: one count for the page first, the count per key only when it differs.
            Long pageInSource = source.queryForObject("SELECT COUNT(*) FROM " + q.from() + kept + " AND " + key0 + " IN (:keys)", params, Long.class);
            long pageInHub = page.stream().mapToLong(r -> (Long) r[1]).sum();
            if (pageInSource != null && pageInSource == pageInHub) {
                if (page.size() < SCAN_PAGE) break;
                after = (String) page.get(page.size() - 1)[0];
                continue;
            }
            source.query("SELECT " + key0 + ", COUNT(*) FROM " + q.from() + kept + " AND " + key0 + " IN (:keys) GROUP BY " + key0, params, rs -> {
                String k = keyText(figure, rs);
                there.merge(k == null ? "" : k, rs.getLong(2), Long::sum);
            });
            for (Object[] r : page) {
                if (!java.util.Objects.equals(there.get((String) r[0]), r[1])) out.add((String) r[0]);
            }
            if (page.size() < SCAN_PAGE) break;
            after = (String) page.get(page.size() - 1)[0];
        }
    }

    private boolean counted(String connector, Figure figure) {
        return !hub.queryForList("SELECT key_value FROM cv_key_rows WHERE connector = ? AND figure = ? LIMIT 1", connector, figure.mappingName)
                .isEmpty() || hub.queryForList("SELECT connector FROM " + figure.table + " WHERE connector = ? LIMIT 1", connector).isEmpty();
    }

    /** The first key of a source row as the hub keeps it: trimmed text, a date as yyyy-MM-dd. */
    private static String keyText(Figure figure, ResultSet rs) throws SQLException {
        if (figure.keys.get(0).type() == Figure.Type.DATE) {
            Timestamp t = rs.getTimestamp(1);
            return t == null ? null : t.toLocalDateTime().toLocalDate().toString();
        }
        return SourceKeys.isCode(figure.keys.get(0)) ? SourceKeys.normal(rs.getString(1)) : text(rs.getString(1));
    }

    /**
     * Writes streamed source rows in batches: rows without a key are left out (logged), of rows with the same
     * key (adjacent: the query is ordered by the keys) the last is kept, and the source rows behind each first
     * key are counted into cv_key_rows. Collects the customers of the rows written when asked to.
     */
    private final class RowWriter {
        private final String connector;
        private final Figure figure;
        private final Set<String> customers;
        private final int customerAt;
        private final LineDays occupied;
        private final int lineAt, startAt, endAt;
        private final List<Object[]> batch = new ArrayList<>();
        private final List<Object[]> keyBatch = new ArrayList<>();
        private final RowWarnings warnings;
        private final CustomerViewMapping.FigureQuery q;
        private Object[] pending;
        private String key0;
        private long key0Rows;
        long rows;

        RowWriter(String connector, Figure figure, CustomerViewMapping.FigureQuery q, Set<String> customers, LineDays occupied,
                  RowWarnings warnings) {
            this.connector = connector;
            this.q = q;
            this.warnings = warnings;
            this.figure = figure;
            this.customers = customers;
            this.customerAt = figure.fields().indexOf(figure.field("customer"));
            this.occupied = occupied;
            this.lineAt = figure.fields().indexOf(figure.field("line"));
            this.startAt = figure.fields().indexOf(figure.field("planned-start"));
            this.endAt = figure.fields().indexOf(figure.field("planned-end"));
        }

        /**
         * One source row: its keys first (its source rows counted under its first key whether it is used or not, so
         * that the counts compare with the source's), then its values; a row that cannot be used is skipped with a
         * warning naming connector, table, key and column, and the other rows are written as they are.
         */
        void add(ResultSet rs) throws SQLException {
            List<Figure.Field> fields = figure.fields();
            if (rs.getObject(1) == null) { warnings.skip(null, expression(fields.get(0)), "no key"); return; }
            Object[] r = new Object[fields.size()];
            try {
                for (int i = 0; i < figure.keys.size(); i++) r[i] = value(fields.get(i), rs, i + 1);
            } catch (BadValue e) {
                warnings.skip(null, expression(e.field), e.getMessage());
                return;
            }
            long sourceRows = figure.summed ? rs.getLong(fields.size() + 1) : 1;
            String k0 = r[0] == null ? "" : keyValue(r[0]);
            if (key0 != null && !key0.equals(k0)) keyBatch();
            if (key0 == null || !key0.equals(k0)) { key0 = k0; key0Rows = 0; }
            key0Rows += sourceRows;
            boolean keyless = false;
            for (int i = 0; i < figure.keys.size(); i++) keyless |= r[i] == null;
            if (keyless) { warnings.skip(keyText(r), null, "a key is empty"); return; }
            try {
                for (int i = figure.keys.size(); i < fields.size(); i++) r[i] = value(fields.get(i), rs, i + 1);
            } catch (BadValue e) {
                warnings.skip(keyText(r), expression(e.field), e.getMessage());
                return;
            }
            if (figure.occupiesLines() && !usableOrder(r)) return;
            if (pending != null && !sameKey(pending, r)) push(pending);
            else if (pending != null && !java.util.Arrays.equals(pending, r)) {
                warnings.note(keyText(r), null, "two source rows with this key differ, the last read is kept");
            }
            pending = r;
        }

        /** A work order ending before it starts occupies no time: skipped. One without a line is kept (schedule, not line load). */
        private boolean usableOrder(Object[] r) {
            LocalDateTime start = Times.of(r[startAt]), end = Times.of(r[endAt]);
            if (start != null && end != null && end.isBefore(start)) {
                warnings.skip(keyText(r), expression(figure.field("planned-end")), "planned end " + end + " is before planned start " + start);
                return false;
            }
            if (r[lineAt] == null) {
                warnings.note(keyText(r), expression(figure.field("line")), "no line: in the customer's schedule, in no line load");
            }
            return true;
        }

        private String keyText(Object[] r) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < figure.keys.size(); i++) parts.add(r[i] == null ? "(empty)" : keyValue(r[i]));
            return String.join(" / ", parts);
        }

        private String expression(Figure.Field f) {
            String e = q.keys().get(f.name());
            return e != null ? e : q.values() == null ? f.name() : q.values().getOrDefault(f.name(), f.name());
        }

        void finish() {
            if (pending != null) push(pending);
            pending = null;
            if (key0 != null) keyBatch();
            key0 = null;
            flush();
        }

        private boolean sameKey(Object[] a, Object[] b) {
            for (int i = 0; i < figure.keys.size(); i++) if (!a[i].equals(b[i])) return false;
            return true;
        }

        private void push(Object[] r) {
            Object[] a = new Object[r.length + 1];
            a[0] = connector;
            System.arraycopy(r, 0, a, 1, r.length);
            batch.add(a);
            rows++;
            if (customers != null && customerAt >= 0 && r[customerAt] != null) customers.add((String) r[customerAt]);
            if (occupied != null) occupied.add((String) r[lineAt], Times.of(r[startAt]), Times.of(r[endAt]));
            if (batch.size() >= BATCH) flush();
        }

        private void keyBatch() {
            keyBatch.add(new Object[] {connector, figure.mappingName, key0, key0Rows});
            if (keyBatch.size() >= BATCH) flush();
        }

        private void flush() {
            List<String> cols = new ArrayList<>(List.of("connector"));
            figure.fields().forEach(f -> cols.add(f.column()));
            RowBatches.insert(hub, figure.table, cols, batch);
            RowBatches.insert(hub, "cv_key_rows", KEY_ROW_COLUMNS, keyBatch);
            batch.clear();
            keyBatch.clear();
        }
    }

    /** The days per line that work orders occupy (LineLoad.firstDay to lastDay): bounded by lines x days, not by orders. */
    private static final class LineDays {
        final Map<String, java.util.TreeSet<java.time.LocalDate>> days = new java.util.HashMap<>();

        void add(String line, LocalDateTime start, LocalDateTime end) {
            if (line == null || start == null || end == null) return;
            java.util.TreeSet<java.time.LocalDate> set = days.computeIfAbsent(line, k -> new java.util.TreeSet<>());
            for (java.time.LocalDate d = LineLoad.firstDay(start); !d.isAfter(LineLoad.lastDay(end)); d = d.plusDays(1)) set.add(d);
        }
    }

    private static String keyValue(Object v) {
        return v instanceof java.sql.Date d ? d.toLocalDate().toString() : v.toString();
    }

    private static boolean later(String candidate, String current, boolean rowversion) {
        if (current == null) return true;
        return rowversion ? Long.parseLong(candidate) > Long.parseLong(current)
                : LocalDateTime.parse(candidate).isAfter(LocalDateTime.parse(current));
    }

    /** The figure's rows ordered by its keys; summed figures grouped by them, with the source rows behind each group last. */
    private static String select(Figure figure, CustomerViewMapping.FigureQuery q, String where) {
        List<String> exprs = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Figure.Field k : figure.keys) keys.add(SourceKeys.sql(k, q.keys().get(k.name())));
        exprs.addAll(keys);
        for (Figure.Field v : figure.values) exprs.add(q.values().get(v.name()));
        if (figure.summed) exprs.add("COUNT(*)");
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", exprs)).append(" FROM ").append(q.from()).append(where);
        if (figure.summed) sql.append(" GROUP BY ").append(String.join(", ", keys));
        return sql.append(" ORDER BY ").append(String.join(", ", keys)).toString();
    }

    /** A value the source gave that is not what its field holds (text in a number, a time that is not one). */
    private static final class BadValue extends Exception {
        final transient Figure.Field field;

        BadValue(Figure.Field field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    /** One column of a source row as the hub keeps it: codes by SourceKeys, other text trimmed, a time as HH:mm. */
    private static Object value(Figure.Field field, ResultSet rs, int col) throws SQLException, BadValue {
        return switch (field.type()) {
            case TEXT -> SourceKeys.isCode(field) ? SourceKeys.normal(rs.getString(col)) : text(rs.getString(col));
            case DECIMAL -> decimal(field, rs, col);
            case DATETIME -> {
                try {
                    yield rs.getTimestamp(col);
                } catch (SQLException e) {
                    throw new BadValue(field, "'" + rs.getString(col) + "' is not a date and time");
                }
            }
            case DATE -> {
                Timestamp t;
                try {
                    t = rs.getTimestamp(col);
                } catch (SQLException e) {
                    throw new BadValue(field, "'" + rs.getString(col) + "' is not a date");
                }
                yield t == null ? null : java.sql.Date.valueOf(t.toLocalDateTime().toLocalDate());
            }
            case TIME -> {
                String t = text(rs.getString(col));
                yield t == null ? null : t.length() > 5 ? t.substring(0, 5) : t;
            }
        };
    }

    /** A number, also from a text column (spaces around allowed); text that is no number is a BadValue, never 0. */
    private static java.math.BigDecimal decimal(Figure.Field field, ResultSet rs, int col) throws SQLException, BadValue {
        String raw;
        try {
            Object v = rs.getObject(col);
            if (v == null) return null;
            if (v instanceof java.math.BigDecimal d) return d;
            if (v instanceof Number n) return new java.math.BigDecimal(n.toString());
            raw = v.toString();
        } catch (SQLException e) {
            raw = rs.getString(col);
        }
        String t = raw == null ? "" : raw.strip();
        if (t.isEmpty()) return null;
        try {
            return new java.math.BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new BadValue(field, "'" + raw + "' is not a number");
        }
    }

    private Map<String, Object> state(String connector, Figure figure) {
        List<Map<String, Object>> rows = hub.queryForList("SELECT watermark, full_at, failed_at FROM cv_source_state WHERE connector = ? AND figure = ?",
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
