package io.etlhub.archive;

import io.etlhub.connector.TableMapping;
import io.etlhub.crm.CrmTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The import's CRM transaction on its own thread: work in order, all of it committed or none of it. */
class CrmSessionTest {
    JdbcTemplate jdbc;
    CrmTable table;
    CrmTable.Statement insert;

    @BeforeEach
    void table() {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:session" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        jdbc = new JdbcTemplate(ds);
        jdbc.execute("CREATE TABLE t (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(5) NOT NULL)");
        table = new CrmTable(new TableMapping("t", Map.of("id", "id", "name", "name")), jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(ds)));
        insert = table.insert(List.of("name"));
    }

    @Test
    void workRunsInOrderInOneTransactionCommittedAtTheEnd() {
        try (CrmSession.Threaded session = CrmSession.threaded(table)) {
            session.submit(tx -> table.one(insert, new Object[] {"a"}));
            session.submit(tx -> table.one(insert, new Object[] {"b"}));
            assertThat(session.<List<String>>call(tx -> names())).containsExactly("a", "b"); // the transaction sees its own writes
            assertThat(names()).isEmpty();                                      // nobody else does before the commit
            session.submit(tx -> table.one(insert, new Object[] {"c"}));
            session.commit();
        }
        assertThat(names()).containsExactly("a", "b", "c");
    }

    @Test
    void closedWithoutACommitNothingIsKept() {
        try (CrmSession.Threaded session = CrmSession.threaded(table)) {
            session.submit(tx -> table.one(insert, new Object[] {"a"}));
            assertThat(session.<List<String>>call(tx -> names())).containsExactly("a");
        }
        assertThat(names()).isEmpty();
    }

    @Test
    void aFailedWriteIsRethrownToTheCallerAndRollsEverythingBack() {
        try (CrmSession.Threaded session = CrmSession.threaded(table)) {
            session.submit(tx -> table.one(insert, new Object[] {"a"}));
            session.submit(tx -> table.one(insert, new Object[] {"too long"}));
            assertThatThrownBy(() -> {
                session.submit(tx -> table.one(insert, new Object[] {"c"}));
                session.commit();
            }).isInstanceOf(DataAccessException.class);
        }
        assertThat(names()).isEmpty();
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        table.readAll(List.of("name"), rs -> { names.add(rs.getString(2)); });
        return names;
    }
}
