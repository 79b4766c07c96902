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

/**
 * {@link BulkInsert} stores every value exactly as a bound parameter does, on MariaDB (literal
 * multi-row statements) and H2 (RowBatches' bound multi-row statements): texts with quotes, backslashes, control characters,
 * Chinese and emoji, also under sql_mode NO_BACKSLASH_ESCAPES; decimals, dates and timestamps; and it
 * writes in the caller's transaction.
 */
class BulkInsertIntegrationTest {
    static final List<String> COLUMNS = List.of("id", "txt", "amount", "doc_day", "at_time", "flag");
    static final List<String> TEXTS = List.of("", "plain SK0001", "O'Brien", "back\\slash", "\\'; DROP TABLE t; --", "line\nbreak\r\ttab",
            "nul\u0000byte", "商机号：OPP-2026-00001 货款", "emoji \uD83D\uDE00", "{fn NOW()} ? :name {d '2026-01-01'}", "/* c */ -- x",
            "\u3000全角\u00A0", "\"double\" `back`", "\u007f\u0080 ctl", "_utf8mb4 X'41'");

    @Test
    void mariaDbStoresEveryValueAsABoundParameterDoes() {
        TestMariaDb db = TestMariaDb.get();
        SingleConnectionDataSource source = new SingleConnectionDataSource(db.freshDatabase("it_bulk_insert"), db.user(), db.password(), true);
        JdbcTemplate jdbc = new JdbcTemplate(source);
        createTables(jdbc, "TEXT", "DATETIME(3)");
        compare(jdbc, source, true);
        // The driver escapes its bound texts as the session was when it connected; the literals need no escaping.
        jdbc.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')");
        compare(jdbc, source, false);
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
