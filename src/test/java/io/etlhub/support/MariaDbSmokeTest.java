package io.etlhub.support;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

class MariaDbSmokeTest {
    @Test
    void startsARealServerWithTheBinlogOn() {
        TestMariaDb db = TestMariaDb.get();
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(db.freshDatabase("smoke"), db.user(), db.password()));
        assertThat(jdbc.queryForObject("SELECT VERSION()", String.class)).containsIgnoringCase("mariadb");
        assertThat(jdbc.queryForObject("SELECT @@log_bin", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT @@binlog_format", String.class)).isEqualTo("ROW");
    }
}
