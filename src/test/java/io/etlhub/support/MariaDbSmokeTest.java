package io.etlhub.support;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MariaDbSmokeTest {
    @Test
    void startsARealServerWithTheBinlogOn() {
        TestMariaDb db = TestMariaDb.get();
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(db.freshDatabase("smoke"), db.user(), db.password()));
        assertThat(jdbc.queryForObject("SELECT VERSION()", String.class)).containsIgnoringCase("mariadb");
        assertThat(jdbc.queryForObject("SELECT @@log_bin", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT @@binlog_format", String.class)).isEqualTo("ROW");
    }

    /** The grant tables are on: a dropped or wrong credential cannot pass unnoticed in any test. */
    @Test
    void refusesTheHubUserWithoutItsPassword() {
        TestMariaDb db = TestMariaDb.get();
        String url = db.freshDatabase("smoke_auth");
        assertThat(db.password()).isNotEmpty();
        assertThat(db.user()).isNotEqualTo("root");
        assertThatThrownBy(() -> DriverManager.getConnection(url, db.user(), null).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
        assertThatThrownBy(() -> DriverManager.getConnection(url, db.user(), "wrong").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
        assertThatThrownBy(() -> DriverManager.getConnection(url, "root", "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
    }
}
