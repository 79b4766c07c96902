package io.etlhub.crm;

import io.etlhub.connector.TableMapping;
import io.etlhub.support.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CrmTable#mayDelete()} on MariaDB with its grant tables: an account granted SELECT, INSERT and UPDATE on the
 * customers (docs/deployment.md's minimum) may not delete, so an archive import writes no customer early; one granted
 * DELETE too may, and the probe deletes nothing.
 */
class CrmTableGrantsIntegrationTest {
    @Test
    void theDeleteProbeFollowsTheAccountsGrants() {
        TestMariaDb db = TestMariaDb.get();
        String url = db.freshDatabase("it_crm_grants");
        JdbcTemplate owner = new JdbcTemplate(new DriverManagerDataSource(url, db.user(), db.password()));
        owner.execute("CREATE TABLE customers (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40))");
        owner.update("INSERT INTO customers (name) VALUES ('kept')");
        db.exec("CREATE USER IF NOT EXISTS 'it_no_delete'@'%' IDENTIFIED BY 'No-Delete-pw1'");
        db.exec("GRANT SELECT, INSERT, UPDATE ON it_crm_grants.customers TO 'it_no_delete'@'%'");
        db.exec("CREATE USER IF NOT EXISTS 'it_may_delete'@'%' IDENTIFIED BY 'May-Delete-pw1'");
        db.exec("GRANT SELECT, INSERT, UPDATE, DELETE ON it_crm_grants.customers TO 'it_may_delete'@'%'");

        assertThat(table(url, "it_no_delete", "No-Delete-pw1").mayDelete()).isFalse();
        assertThat(table(url, "it_may_delete", "May-Delete-pw1").mayDelete()).isTrue();
        assertThat(owner.queryForList("SELECT name FROM customers", String.class)).containsExactly("kept");
    }

    private static CrmTable table(String url, String user, String password) {
        DriverManagerDataSource source = new DriverManagerDataSource(url, user, password);
        return new CrmTable(new TableMapping("customers", Map.of("id", "id", "name", "name")), new JdbcTemplate(source),
                new TransactionTemplate(new DataSourceTransactionManager(source)));
    }
}
