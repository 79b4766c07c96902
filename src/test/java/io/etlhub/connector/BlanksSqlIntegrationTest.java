package io.etlhub.connector;

import io.etlhub.support.TestMariaDb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL of {@link Blanks} on the tests' MariaDB gives the same answer as the Java side for every
 * sample, on columns of four collations (PAD SPACE general_ci and unicode_ci, binary, utf8mb3).
 */
class BlanksSqlIntegrationTest {
    static final List<String> SAMPLES = List.of("", " ", "   ", "\t", "\u3000", "\u3000\u3000", "\u00A0", "\u200B", "\uFEFF",
            "\u2003", " \u3000\u200B ", "无", "\u3000无\u3000", "n/a", "N/A\u200B", "-", "\u00A0-", "未知", "展会", "\u3000展会",
            "无锡", "--", "Ｎ/Ａ", "a");
    static final List<String> COLUMNS = List.of("general", "unicode", "bin", "mb3");
    static JdbcTemplate db;

    @BeforeAll
    static void table() {
        TestMariaDb mariaDb = TestMariaDb.get();
        db = new JdbcTemplate(new DriverManagerDataSource(mariaDb.freshDatabase("it_blanks"), mariaDb.user(), mariaDb.password()));
        db.execute("CREATE TABLE sample (id INT PRIMARY KEY, "
                + "general VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci, "
                + "unicode VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci, "
                + "bin VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, "
                + "mb3 VARCHAR(20) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci)");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < SAMPLES.size(); i++) {
            String s = SAMPLES.get(i);
            rows.add(new Object[] {i, s, s, s, s});
        }
        rows.add(new Object[] {SAMPLES.size(), null, null, null, null});
        db.batchUpdate("INSERT INTO sample (id, general, unicode, bin, mb3) VALUES (?, ?, ?, ?, ?)", rows);
    }

    private static String sample(int id) {
        return id < SAMPLES.size() ? SAMPLES.get(id) : null;
    }

    @Test
    void blankInSqlIsBlankInJavaOnEveryCollation() {
        Blanks.Sql sql = Blanks.sql(Dialect.MYSQL);
        for (String column : COLUMNS) {
            Map<Integer, Boolean> inSql = new LinkedHashMap<>();
            db.query("SELECT id, CASE WHEN " + sql.blank(column) + " THEN 1 ELSE 0 END AS b FROM sample ORDER BY id",
                    rs -> { inSql.put(rs.getInt(1), rs.getInt(2) == 1); });
            for (Map.Entry<Integer, Boolean> e : inSql.entrySet()) {
                assertThat(e.getValue()).as("%s column, sample [%s]", column, Blanks.spelled(sample(e.getKey())))
                        .isEqualTo(Blanks.isBlank(sample(e.getKey())));
            }
        }
        // The case of the issue: a full-width space is blank in SQL under utf8mb4_general_ci, which TRIM() misses.
        int fullWidthSpace = SAMPLES.indexOf("\u3000");
        assertThat(db.queryForObject("SELECT COUNT(*) FROM sample WHERE id = ? AND TRIM(general) = ''", Integer.class, fullWidthSpace))
                .isZero();
        assertThat(db.queryForObject("SELECT COUNT(*) FROM sample WHERE id = ? AND " + sql.blank("general"), Integer.class, fullWidthSpace))
                .isEqualTo(1);
    }

    @Test
    void placeholdersInSqlMatchJavaOnEveryCollation() {
        List<String> placeholders = List.of("无", "-", "未知", "N/A");
        Blanks.Sql sql = Blanks.sql(Dialect.MYSQL);
        for (String column : COLUMNS) {
            Map<Integer, Boolean> inSql = new LinkedHashMap<>();
            db.query("SELECT id, CASE WHEN " + sql.blankOrPlaceholder(column, placeholders) + " THEN 1 ELSE 0 END AS b FROM sample ORDER BY id",
                    rs -> { inSql.put(rs.getInt(1), rs.getInt(2) == 1); });
            assertThat(inSql).hasSize(SAMPLES.size() + 1);
            for (Map.Entry<Integer, Boolean> e : inSql.entrySet()) {
                assertThat(e.getValue()).as("%s column, sample [%s]", column, Blanks.spelled(sample(e.getKey())))
                        .isEqualTo(Blanks.isBlankOrPlaceholder(sample(e.getKey()), placeholders));
            }
        }
    }
}
