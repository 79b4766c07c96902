package io.etlhub.lapse;

import io.etlhub.connector.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The full rebuild of visits and members from every stored sale line (run lapse-rebuild), built into
 * shadow tables ({@code lapse_visit_next}, {@code lapse_member_next}) while the live ones keep serving,
 * then swapped in as the last step. Set-based, along the covering index of the lines; no correlated
 * subquery over the lines. The same definitions as the incremental path: a visit is a day and store
 * with a line that is not a return; the home store has the most visit days in the window up to the last
 * visit, then the later visit, then the smaller store code. Tiers and fired triggers stay.
 * <p>
 * Crash safety. MySQL/MariaDB: the shadows are made with {@code CREATE TABLE ... LIKE} the live tables
 * (so they follow every migration of them) and swapped by one {@code RENAME TABLE} of both pairs, which is
 * atomic; DDL commits implicitly, so nothing runs in one long transaction: a crash before the swap leaves
 * the old tables in use, and a rerun drops whatever a crashed run left. H2 (the demo) has no
 * {@code CREATE TABLE ... LIKE} and no atomic rename of several tables: its shadows are permanent tables
 * (db/migration/hub-h2) copied into the live ones in one transaction.
 * <p>
 * Sales captured while the rebuild ran were written to the old tables: their visits are added again after
 * the swap from the lines captured since the rebuild started (by {@code captured_at}).
 */
@Component
class RhythmRebuild {
    private static final Logger log = LoggerFactory.getLogger(RhythmRebuild.class);
    /** A capture transaction that stamped its lines before the rebuild began may commit after it. */
    private static final int CATCH_UP_MARGIN_SECONDS = 120;
    private static final List<String> WORK_TABLES = List.of("lapse_rebuild_member", "lapse_rebuild_home");
    private static final String MEMBER_COLUMNS = "card, tier, home_store, first_day, last_day, visit_days, updated_at";

    /** What a rebuild did: members and visits now live, and each phase's seconds in order. */
    record Result(long members, long visits, Map<String, Double> phases) {}

    private final JdbcTemplate hub;
    private final RhythmStore store;
    private final LapseSettings settings;
    private final Clock clock;

    RhythmRebuild(JdbcTemplate hub, RhythmStore store, LapseSettings settings, Clock clock) {
        this.hub = hub;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    Result rebuild() {
        // One connection for every step: its session settings hold for all of them, and are put back before it returns to the pool.
        return hub.execute((Connection c) -> {
            boolean mysql = Dialect.fromUrl(c.getMetaData().getURL()) == Dialect.MYSQL;
            JdbcTemplate sql = new JdbcTemplate(new SingleConnectionDataSource(c, true));
            int isolation = c.getTransactionIsolation();
            if (mysql) {
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                sql.execute(MYSQL_SESSION);
            }
            try {
                return rebuild(sql, mysql);
            } finally {
                if (mysql) {
                    sql.execute(MYSQL_SESSION_DEFAULTS);
                    c.setTransactionIsolation(isolation);
                }
            }
        });
    }

    /**
     * MySQL/MariaDB: each statement commits alone (autocommit); read committed, so that reading ten million lines
     * locks none of them (the capture goes on writing); the home stores' grouping and ranking fit in memory.
     */
    private static final String MYSQL_SESSION = "SET SESSION tmp_table_size = 1073741824, SESSION max_heap_table_size = 1073741824, "
            + "SESSION sort_buffer_size = 67108864";
    private static final String MYSQL_SESSION_DEFAULTS = "SET SESSION tmp_table_size = DEFAULT, "
            + "SESSION max_heap_table_size = DEFAULT, SESSION sort_buffer_size = DEFAULT";

    private Result rebuild(JdbcTemplate sql, boolean mysql) throws SQLException {
        Map<String, Double> phases = new LinkedHashMap<>();
        LocalDateTime started = LocalDateTime.now(clock);
        timed(phases, "clean", () -> {
            if (mysql) {
                drop(sql, "lapse_visit_next", "lapse_member_next", "lapse_visit_old", "lapse_member_old");
                sql.execute("CREATE TABLE lapse_visit_next LIKE lapse_visit");
                sql.execute("CREATE TABLE lapse_member_next LIKE lapse_member");
            } else {
                truncate(sql, List.of("lapse_visit_next", "lapse_member_next"));
            }
            truncate(sql, WORK_TABLES);
        });
        // Lines stored before their ticket's payment line: the card is the ticket's (only lines without a card; the index finds them).
        timed(phases, "ticket members", () -> sql.update("UPDATE lapse_sale_line SET card = (SELECT t.card FROM lapse_ticket_member t "
                + "WHERE t.pos = lapse_sale_line.pos AND t.flow_no = lapse_sale_line.flow_no) WHERE card IS NULL AND EXISTS "
                + "(SELECT 1 FROM lapse_ticket_member t WHERE t.pos = lapse_sale_line.pos AND t.flow_no = lapse_sale_line.flow_no)"));
        // GROUP BY in the order of ix_lapse_sale_line_card (card, sale_day, store, is_return): read from the index, no temporary table.
        timed(phases, "visits", () -> sql.update("INSERT INTO lapse_visit_next (card, visit_day, store) SELECT card, sale_day, store "
                + "FROM lapse_sale_line WHERE card IS NOT NULL AND is_return = 0 GROUP BY card, sale_day, store"));
        // Along the shadow's primary key (card, visit_day, store).
        timed(phases, "members", () -> sql.update("INSERT INTO lapse_rebuild_member (card, first_day, last_day, visit_days) "
                + "SELECT card, MIN(visit_day), MAX(visit_day), COUNT(DISTINCT visit_day) FROM lapse_visit_next GROUP BY card"));
        // Each member's window only (a range of the primary key per member), ranked in one sort: no correlated subquery.
        timed(phases, "home stores", () -> sql.update("INSERT INTO lapse_rebuild_home (card, store) SELECT card, store FROM "
                + "(SELECT v.card, v.store, ROW_NUMBER() OVER (PARTITION BY v.card ORDER BY COUNT(*) DESC, MAX(v.visit_day) DESC, v.store) "
                + "AS place FROM lapse_rebuild_member m JOIN lapse_visit_next v ON v.card = m.card "
                + "AND v.visit_day > m.last_day - INTERVAL '" + settings.windowDays() + "' DAY GROUP BY v.card, v.store) ranked WHERE place = 1"));
        // Tiers stay: taken from the live member rows.
        timed(phases, "member rows", () -> sql.update("INSERT INTO lapse_member_next (" + MEMBER_COLUMNS + ") "
                        + "SELECT m.card, COALESCE(o.tier, ?), h.store, m.first_day, m.last_day, m.visit_days, ? FROM lapse_rebuild_member m "
                        + "LEFT JOIN lapse_rebuild_home h ON h.card = m.card LEFT JOIN lapse_member o ON o.card = m.card",
                settings.defaultTier(), Timestamp.valueOf(LocalDateTime.now(clock))));
        timed(phases, "swap", () -> {
            if (mysql) {
                // One statement, atomic: readers see the old pair or the new pair, never one of each.
                sql.execute("RENAME TABLE lapse_visit TO lapse_visit_old, lapse_visit_next TO lapse_visit, "
                        + "lapse_member TO lapse_member_old, lapse_member_next TO lapse_member");
                drop(sql, "lapse_visit_old", "lapse_member_old");
            } else {
                swapByCopy(sql);
                truncate(sql, List.of("lapse_visit_next", "lapse_member_next"));
            }
            truncate(sql, WORK_TABLES);
        });
        timed(phases, "catch-up", () -> catchUp(sql, started.minusSeconds(CATCH_UP_MARGIN_SECONDS)));
        long members = count(sql, "lapse_member");
        long visits = count(sql, "lapse_visit");
        log.info("lapse-rebuild: {} members, {} visits; phases {}", members, visits, phases);
        return new Result(members, visits, phases);
    }

    /** H2: the shadows into the live tables in one transaction. */
    private static void swapByCopy(JdbcTemplate sql) {
        sql.execute((Connection c) -> {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM lapse_visit");
                s.executeUpdate("INSERT INTO lapse_visit (card, visit_day, store) SELECT card, visit_day, store FROM lapse_visit_next");
                s.executeUpdate("DELETE FROM lapse_member");
                s.executeUpdate("INSERT INTO lapse_member (" + MEMBER_COLUMNS + ") SELECT " + MEMBER_COLUMNS + " FROM lapse_member_next");
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            return null;
        });
    }

    /**
     * Visits of lines captured since {@code since}: the capture wrote them to the tables the swap replaced. The
     * missing visits in one statement (an anti-join over the few lines since, each a primary-key look-up), then the
     * rows of their members from their visits, as the capture computes them.
     */
    private void catchUp(JdbcTemplate sql, LocalDateTime since) {
        Timestamp from = Timestamp.valueOf(since);
        int added = sql.update("INSERT INTO lapse_visit (card, visit_day, store) SELECT DISTINCT l.card, l.sale_day, l.store FROM lapse_sale_line l "
                + "LEFT JOIN lapse_visit v ON v.card = l.card AND v.visit_day = l.sale_day AND v.store = l.store "
                + "WHERE l.captured_at >= ? AND l.card IS NOT NULL AND l.is_return = 0 AND v.card IS NULL", from);
        if (added == 0) return;
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
        for (String card : sql.queryForList("SELECT DISTINCT card FROM lapse_sale_line WHERE captured_at >= ? AND card IS NOT NULL "
                + "AND is_return = 0", String.class, from)) {
            List<Rhythm.Visit> visits = store.visits(card);
            LocalDate first = visits.get(0).day();
            LocalDate last = visits.get(visits.size() - 1).day();
            long days = visits.stream().map(Rhythm.Visit::day).distinct().count();
            String home = Rhythm.favouriteStore(visits, last.minusDays(settings.windowDays() - 1L));
            if (sql.update("UPDATE lapse_member SET home_store = ?, first_day = ?, last_day = ?, visit_days = ?, updated_at = ? WHERE card = ?",
                    home, Date.valueOf(first), Date.valueOf(last), days, now, card) == 0) {
                sql.update("INSERT INTO lapse_member (" + MEMBER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", card, settings.defaultTier(), home,
                        Date.valueOf(first), Date.valueOf(last), days, now);
            }
        }
    }

    private void timed(Map<String, Double> phases, String phase, Runnable step) {
        long start = System.nanoTime();
        step.run();
        phases.merge(phase, Math.round((System.nanoTime() - start) / 1e7) / 100.0, Double::sum);
    }

    private static void drop(JdbcTemplate sql, String... tables) {
        sql.execute("DROP TABLE IF EXISTS " + String.join(", ", tables));
    }

    private static void truncate(JdbcTemplate sql, List<String> tables) {
        for (String t : tables) sql.execute("TRUNCATE TABLE " + t);
    }

    private static long count(JdbcTemplate sql, String table) {
        Long n = sql.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
        return n == null ? 0 : n;
    }
}
