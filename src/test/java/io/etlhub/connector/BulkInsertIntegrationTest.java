package io.etlhub.connector;

import io.etlhub.support.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link BulkInsert} stores every value exactly as a bound parameter does, on MariaDB (LOCAL file loads
 * where the connection allows them, literal multi-row statements otherwise) and H2 (RowBatches' bound multi-row statements): texts with quotes, backslashes, control characters,
 * Chinese and emoji, also under sql_mode NO_BACKSLASH_ESCAPES; decimals, dates and timestamps; and it
 * writes in the caller's transaction.
 */
class BulkInsertIntegrationTest {
    static final List<String> COLUMNS = List.of("id", "txt", "amount", "doc_day", "at_time", "flag");
    static final List<String> TEXTS = List.of("", "plain SK0001", "O'Brien", "back\\slash", "\\'; DROP TABLE t; --", "line\nbreak\r\ttab",
            "nul\u0000byte", "商机号：OPP-2026-00001 货款", "emoji \uD83D\uDE00", "{fn NOW()} ? :name {d '2026-01-01'}", "/* c */ -- x",
            "\u3000全角\u00A0", "\"double\" `back`", "\u007f\u0080 ctl", "_utf8mb4 X'41'");

    @Test
    void mariaDbStoresEveryValueAsABoundParameterDoesThroughLiterals() {
        mariaDbStoresEveryValueAsABoundParameterDoes("", false);
    }

    @Test
    void mariaDbStoresEveryValueAsABoundParameterDoesThroughLocalFileLoads() {
        mariaDbStoresEveryValueAsABoundParameterDoes("&allowLoadLocalInfileInPath=" + LocalFileLoads.folder(), true);
    }

    private static void mariaDbStoresEveryValueAsABoundParameterDoes(String urlSuffix, boolean files) {
        TestMariaDb db = TestMariaDb.get();
        SingleConnectionDataSource source = new SingleConnectionDataSource(db.freshDatabase("it_bulk_insert") + urlSuffix, db.user(), db.password(), true);
        JdbcTemplate jdbc = new JdbcTemplate(source);
        createTables(jdbc, "TEXT", "DATETIME(3)");
        assertThat(BulkInsert.into(jdbc, "bulk", COLUMNS).loadsFiles()).isEqualTo(files);
        compare(jdbc, source, true);
        // The driver escapes its bound texts as the session was when it connected; the literals need no escaping.
        jdbc.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')");
        compare(jdbc, source, false);
        source.destroy();
    }

    /**
     * A LOCAL load turns a duplicate key or a value too long into a warning and goes on, and warns where an INSERT
     * rounds a decimal with only a note: BulkInsert undoes such a load and writes its rows as INSERT statements, so the
     * duplicate and the long text fail as they always did (the caller's transaction keeps none of the rows) and the
     * decimal is stored rounded as a bound parameter is.
     */
    @Test
    void aLocalFileLoadThatSkipsOrAdjustsARowIsRedoneAsInserts() {
        TestMariaDb db = TestMariaDb.get();
        SingleConnectionDataSource source = new SingleConnectionDataSource(
                db.freshDatabase("it_bulk_load_redone") + "&allowLoadLocalInfileInPath=" + LocalFileLoads.folder(), db.user(), db.password(), true);
        JdbcTemplate jdbc = new JdbcTemplate(source);
        jdbc.execute("CREATE TABLE bulk (id BIGINT PRIMARY KEY, txt VARCHAR(5), rate DECIMAL(9, 4))");
        jdbc.update("INSERT INTO bulk VALUES (1, 'kept', 1.5)");
        BulkInsert bulk = BulkInsert.into(jdbc, "bulk", List.of("id", "txt", "rate"));
        assertThat(bulk.loadsFiles()).isTrue();
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(source));

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> bulk.insert(List.of(new Object[] {2L, "new", null}, new Object[] {1L, "dup", null}))))
                .hasMessageContaining("Duplicate entry '1'");
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> bulk.insert(List.<Object[]>of(new Object[] {3L, "too long", null}))))
                .hasMessageContaining("Data too long for column 'txt'");
        assertThat(jdbc.queryForList("SELECT id, txt FROM bulk")).containsExactly(Map.of("id", 1L, "txt", "kept"));

        tx.executeWithoutResult(status -> bulk.insert(List.of(new Object[] {4L, "a", new BigDecimal("6.123456789")},
                new Object[] {5L, "b", new BigDecimal("-0.00005")})));
        jdbc.update("INSERT INTO bulk VALUES (?, ?, ?), (?, ?, ?)", 6L, "a", new BigDecimal("6.123456789"), 7L, "b", new BigDecimal("-0.00005"));
        assertThat(jdbc.queryForList("SELECT rate FROM bulk WHERE id IN (4, 5) ORDER BY id"))
                .isEqualTo(jdbc.queryForList("SELECT rate FROM bulk WHERE id IN (6, 7) ORDER BY id"))
                .extracting(r -> r.get("rate")).containsExactly(new BigDecimal("6.1235"), new BigDecimal("-0.0001"));
        assertThat(LocalFileLoads.folder()).isEmptyDirectory();
        source.destroy();
    }

    @Test
    void h2StoresEveryValueAsABoundParameterDoes() {
        SingleConnectionDataSource source = new SingleConnectionDataSource(
                "jdbc:h2:mem:bulk_insert;MODE=MySQL;DATABASE_TO_LOWER=TRUE", "sa", "", true);
        JdbcTemplate jdbc = new JdbcTemplate(source);
        createTables(jdbc, "VARCHAR(1000)", "TIMESTAMP(3)");
        compare(jdbc, source, true);
        source.destroy();
    }

    private static void createTables(JdbcTemplate jdbc, String text, String timestamp) {
        for (String table : List.of("bound", "bulk")) {
            jdbc.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, txt " + text + ", amount DECIMAL(19, 2), doc_day DATE, at_time "
                    + timestamp + ", flag BOOLEAN)");
        }
    }

    /** boundIsRight: whether the driver's bound parameters are the reference (else the texts themselves are). */
    private static void compare(JdbcTemplate jdbc, SingleConnectionDataSource source, boolean boundIsRight) {
        jdbc.update("DELETE FROM bound");
        jdbc.update("DELETE FROM bulk");
        List<Object[]> rows = new ArrayList<>();
        LocalDateTime at = LocalDateTime.of(2026, 11, 24, 23, 59, 58, 123_000_000);
        for (int i = 0; i < 2_500; i++) {
            String txt = i == TEXTS.size() ? null : TEXTS.get(i % TEXTS.size());
            BigDecimal amount = i % 7 == 0 ? null : new BigDecimal(i % 2 == 0 ? "-12345678901234567.89" : "0.01").add(BigDecimal.valueOf(i));
            Object day = i % 3 == 0 ? LocalDate.of(2026, 1 + i % 12, 1 + i % 28) : Date.valueOf(LocalDate.of(1999, 12, 31));
            Object time = i % 5 == 0 ? null : i % 2 == 0 ? at.plusSeconds(i % 3) : Timestamp.valueOf(at);
            rows.add(new Object[] {(long) i, txt, amount, day, time, i % 2 == 0});
        }
        List<Object[]> bound = rows.stream().map(r -> new Object[] {r[0], r[1], r[2],
                r[3] instanceof LocalDate d ? Date.valueOf(d) : r[3],
                r[4] instanceof LocalDateTime t ? Timestamp.valueOf(t) : r[4], r[5]}).toList();
        jdbc.batchUpdate("INSERT INTO bound (id, txt, amount, doc_day, at_time, flag) VALUES (?, ?, ?, ?, ?, ?)", bound);
        BulkInsert.into(jdbc, "bulk", COLUMNS).insert(rows);

        List<Map<String, Object>> actual = jdbc.queryForList("SELECT * FROM bulk ORDER BY id");
        assertThat(actual).hasSize(2_500);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(actual.get(i).get("txt")).as("text of row %d", i).isEqualTo(rows.get(i)[1]);
        }
        if (boundIsRight) assertThat(actual).isEqualTo(jdbc.queryForList("SELECT * FROM bound ORDER BY id"));

        // In the caller's transaction: rolled back with it.
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(source));
        tx.executeWithoutResult(status -> {
            BulkInsert.into(jdbc, "bulk", COLUMNS).insert(List.<Object[]>of(new Object[] {99_999L, "gone", null, null, null, null}));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bulk WHERE id = 99999", Integer.class)).isEqualTo(1);
            status.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bulk WHERE id = 99999", Integer.class)).isZero();
    }
}
