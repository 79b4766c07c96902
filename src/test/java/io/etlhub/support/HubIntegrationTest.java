package io.etlhub.support;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.demo.SqlScripts;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;

/**
 * Base of the integration tests: the whole hub against the tests' real MariaDB, with the hub store,
 * the reference CRM, and U8- and K3-shaped source databases (the vendors' table and column names).
 * Every test starts from empty tables. Subclasses share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestFaults.class)
public abstract class HubIntegrationTest {
    protected static final TestMariaDb DB = TestMariaDb.get();
    protected static final Map<String, String> URLS = createDatabases();

    public static final String ADMIN_PASSWORD = "admin-test-pw";
    public static final String FINANCE_PASSWORD = "finance-test-pw";
    public static final String OPS_PASSWORD = "ops-test-pw";

    @Autowired
    protected ConnectorCatalog connectors;
    @Autowired
    protected JdbcTemplate hub;
    @Autowired
    protected TestFaults faults;

    private static Map<String, String> createDatabases() {
        Map<String, String> urls = Map.of(
                "hub", DB.freshDatabase("it_hub"),
                "crm", DB.freshDatabase("it_crm"),
                "u8", DB.freshDatabase("it_u8"),
                "k3", DB.freshDatabase("it_k3"),
                "mes", DB.freshDatabase("it_mes"),
                "pos", DB.freshDatabase("it_pos"));
        SqlScripts.run(new DriverManagerDataSource(urls.get("u8"), DB.user(), DB.password()), "demo/mariadb/u8-schema.sql");
        SqlScripts.run(new DriverManagerDataSource(urls.get("k3"), DB.user(), DB.password()), "demo/mariadb/k3-schema.sql");
        SqlScripts.run(new DriverManagerDataSource(urls.get("mes"), DB.user(), DB.password()), "demo/mes-schema.sql");
        return urls;
    }

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        for (String name : List.of("hub", "crm", "u8", "k3", "mes", "pos")) {
            String prefix = name.toUpperCase() + "_JDBC_";
            registry.add(prefix + "URL", () -> URLS.get(name));
            registry.add(prefix + "USER", DB::user);
            registry.add(prefix + "PASSWORD", DB::password);
        }
        registry.add("etlhub.crm.reference-schema", () -> "true");
        registry.add("etlhub.scheduler.enabled", () -> "false");
        // The tests deliver notifications themselves: a worker in each cached context would race on the shared hub store.
        registry.add("etlhub.notify.worker.enabled", () -> "false");
        registry.add("ETLHUB_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        registry.add("ETLHUB_FINANCE_PASSWORD", () -> FINANCE_PASSWORD);
        registry.add("ETLHUB_OPS_PASSWORD", () -> OPS_PASSWORD);
    }

    @BeforeEach
    void emptyAllTables() {
        faults.disarm();
        empty(hub, "it_hub", "flyway_schema_history");
        empty(crmDb(), "it_crm", "etlhub_crm_schema_history");
        empty(u8Db(), "it_u8", "");
        empty(k3Db(), "it_k3", "");
        empty(mesDb(), "it_mes", "");
    }

    private static void empty(JdbcTemplate jdbc, String database, String keep) {
        List<String> tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = ? "
                + "AND table_type = 'BASE TABLE' AND table_name <> ?", String.class, database, keep);
        for (String t : tables) jdbc.execute("DELETE FROM `" + t + "`");
    }

    protected JdbcTemplate crmDb() { return connectors.jdbc("crm"); }

    protected JdbcTemplate u8Db() { return connectors.jdbc("u8"); }

    protected JdbcTemplate k3Db() { return connectors.jdbc("k3"); }

    protected JdbcTemplate mesDb() { return connectors.jdbc("mes"); }
}
