package io.etlhub.support;

import io.etlhub.connector.HubStoreMigrations;
import io.etlhub.demo.CrmReferenceSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub store and the reference CRM migrated in one go on the tests' MariaDB (once per test JVM):
 * what a store that was interrupted, repaired or realigned must end up as.
 */
public final class ReferenceSchemas {
    public static final String HUB_HISTORY = "flyway_schema_history";
    public static final String CRM_HISTORY = CrmReferenceSchema.HISTORY_TABLE;
    private static ReferenceSchemas instance;

    private final TestMariaDb db;
    private final List<String> hub;
    private final List<String> hubHistory;
    private final List<String> crm;
    private final List<String> crmHistory;

    private ReferenceSchemas(TestMariaDb db) {
        this.db = db;
        JdbcTemplate hubDb = fresh("ref_hub");
        JdbcTemplate crmDb = fresh("ref_crm");
        HubStoreMigrations.migrate(hubDb.getDataSource());
        CrmReferenceSchema.migrate(crmDb.getDataSource());
        hub = SchemaSnapshot.of(hubDb, "ref_hub", HUB_HISTORY);
        hubHistory = SchemaSnapshot.history(hubDb, HUB_HISTORY);
        crm = SchemaSnapshot.of(crmDb, "ref_crm", CRM_HISTORY);
        crmHistory = SchemaSnapshot.history(crmDb, CRM_HISTORY);
    }

    public static synchronized ReferenceSchemas get() {
        if (instance == null) instance = new ReferenceSchemas(TestMariaDb.get());
        return instance;
    }

    /** A fresh, empty database on the tests' MariaDB, as the hub's user. */
    public JdbcTemplate fresh(String database) {
        return jdbc(db.freshDatabase(database));
    }

    public JdbcTemplate jdbc(String url) {
        return new JdbcTemplate(new DriverManagerDataSource(url, db.user(), db.password()));
    }

    /** The same tables, columns, indexes and Flyway history (all successful) as the hub store migrated in one go. */
    public void assertCompleteHubStore(JdbcTemplate jdbc, String database) {
        assertThat(SchemaSnapshot.of(jdbc, database, HUB_HISTORY)).as("hub store schema").isEqualTo(hub);
        assertThat(SchemaSnapshot.history(jdbc, HUB_HISTORY)).as("hub store history").isEqualTo(hubHistory);
    }

    /** The same as the reference CRM prepared in one go. */
    public void assertCompleteCrm(JdbcTemplate jdbc, String database) {
        assertThat(SchemaSnapshot.of(jdbc, database, CRM_HISTORY)).as("reference CRM schema").isEqualTo(crm);
        assertThat(SchemaSnapshot.history(jdbc, CRM_HISTORY)).as("reference CRM history").isEqualTo(crmHistory);
    }
}
