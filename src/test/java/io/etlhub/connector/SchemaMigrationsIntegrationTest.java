package io.etlhub.connector;

import io.etlhub.demo.CrmReferenceSchema;
import io.etlhub.support.SchemaSnapshot;
import io.etlhub.support.TestMariaDb;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Flyway's repair before migrate (SchemaMigrations) on the tests' MariaDB: the state a killed first
 * start used to leave (a failed migration), stores migrated before the migrations became re-runnable
 * (old checksums), a half-done SchemaChanges, and a mismatch that must still stop the start.
 */
class SchemaMigrationsIntegrationTest {
    private static final TestMariaDb DB = TestMariaDb.get();
    private static final String HUB_HISTORY = "flyway_schema_history";
    private static final String CRM_HISTORY = CrmReferenceSchema.HISTORY_TABLE;

    private static List<String> referenceHub;
    private static List<String> referenceHubHistory;
    private static List<String> referenceCrm;
    private static List<String> referenceCrmHistory;

    @BeforeAll
    static void migrateInOneGo() {
        JdbcTemplate hub = fresh("sm_ref_hub");
        JdbcTemplate crm = fresh("sm_ref_crm");
        HubStoreMigrations.migrate(hub.getDataSource());
        CrmReferenceSchema.migrate(crm.getDataSource());
        referenceHub = SchemaSnapshot.of(hub, "sm_ref_hub", HUB_HISTORY);
        referenceHubHistory = SchemaSnapshot.history(hub, HUB_HISTORY);
        referenceCrm = SchemaSnapshot.of(crm, "sm_ref_crm", CRM_HISTORY);
        referenceCrmHistory = SchemaSnapshot.history(crm, CRM_HISTORY);
    }

    @Test
    void aFailedMigrationIsRepairedAndRunsAgain() {
        JdbcTemplate hub = fresh("sm_hub");
        HubStoreMigrations.migrate(hub.getDataSource());
        // What the old migrations left after a kill during V4 and one more start: V4 half done and
        // recorded as failed, nothing after it.
        hub.update("DELETE FROM flyway_schema_history WHERE version IN ('5', '6', '7')");
        hub.update("UPDATE flyway_schema_history SET success = 0 WHERE version = '4'");
        for (String table : List.of("quality_metric", "quality_finding", "archive_import", "archive_staging", "archive_issue",
                "dead_letter", "audit_log", "console_user")) {
            hub.execute("DROP TABLE " + table);
        }
        hub.execute("DROP INDEX ix_receipt_event_action_time ON receipt_event");

        assertThatThrownBy(() -> Flyway.configure().dataSource(hub.getDataSource()).locations(HubStoreMigrations.LOCATION)
                .load().migrate())
                .isInstanceOf(FlywayException.class).hasMessageContaining("Detected failed migration to version 4");

        HubStoreMigrations.migrate(hub.getDataSource());

        assertThat(SchemaSnapshot.of(hub, "sm_hub", HUB_HISTORY)).isEqualTo(referenceHub);
        assertThat(SchemaSnapshot.history(hub, HUB_HISTORY)).isEqualTo(referenceHubHistory);
    }

    @Test
    void checksumsFromBeforeTheMigrationsBecameReRunnableAreRealigned() {
        JdbcTemplate hub = fresh("sm_hub");
        HubStoreMigrations.migrate(hub.getDataSource());
        HubStoreMigrations.EARLIER_CHECKSUMS.forEach((version, checksum) ->
                hub.update("UPDATE flyway_schema_history SET checksum = ? WHERE version = ?", checksum, version));
        hub.update("DELETE FROM flyway_schema_history WHERE version = '7'");
        assertThat(plainFlyway(hub.getDataSource(), HubStoreMigrations.LOCATION, HUB_HISTORY).validateWithResult().validationSuccessful)
                .as("plain Flyway refuses the old checksums").isFalse();

        HubStoreMigrations.migrate(hub.getDataSource());

        assertThat(SchemaSnapshot.history(hub, HUB_HISTORY)).isEqualTo(referenceHubHistory);
        assertThat(SchemaSnapshot.of(hub, "sm_hub", HUB_HISTORY)).isEqualTo(referenceHub);
    }

    @Test
    void anyOtherMismatchStillStopsTheStartAndNothingIsRepaired() {
        JdbcTemplate hub = fresh("sm_hub");
        HubStoreMigrations.migrate(hub.getDataSource());
        hub.update("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '5'");
        hub.update("UPDATE flyway_schema_history SET success = 0 WHERE version = '6'");

        assertThatThrownBy(() -> HubStoreMigrations.migrate(hub.getDataSource()))
                .isInstanceOf(FlywayValidateException.class).hasMessageContaining("checksum mismatch");

        assertThat(hub.queryForObject("SELECT checksum FROM flyway_schema_history WHERE version = '5'", Integer.class)).isEqualTo(12345);
        assertThat(hub.queryForObject("SELECT success FROM flyway_schema_history WHERE version = '6'", Boolean.class)).isFalse();
    }

    @Test
    void aCrmPreparedWithTheEarlierMigrationsIsRealigned() {
        JdbcTemplate crm = fresh("sm_crm");
        CrmReferenceSchema.migrate(crm.getDataSource());
        // Before: V1 to V3 with their earlier text (V3's ALTERs and V2's indexes now in V4), no V4.
        CrmReferenceSchema.EARLIER_CHECKSUMS.forEach((version, checksum) ->
                crm.update("UPDATE etlhub_crm_schema_history SET checksum = ? WHERE version = ?", checksum, version));
        crm.update("DELETE FROM etlhub_crm_schema_history WHERE version = '4'");

        CrmReferenceSchema.migrate(crm.getDataSource());

        assertThat(SchemaSnapshot.history(crm, CRM_HISTORY)).isEqualTo(referenceCrmHistory);
        assertThat(SchemaSnapshot.of(crm, "sm_crm", CRM_HISTORY)).isEqualTo(referenceCrm);
    }

    @Test
    void aHalfDoneSchemaChangeRunsAgain() {
        JdbcTemplate crm = fresh("sm_crm");
        CrmReferenceSchema.migrate(crm.getDataSource());
        // V4 killed after its first columns: the rest of its columns and its index missing, not recorded.
        crm.execute("ALTER TABLE crm_customer DROP COLUMN registered_capital, DROP COLUMN source_file, DROP INDEX ix_crm_customer_name");
        crm.update("DELETE FROM etlhub_crm_schema_history WHERE version = '4'");

        CrmReferenceSchema.migrate(crm.getDataSource());

        assertThat(SchemaSnapshot.of(crm, "sm_crm", CRM_HISTORY)).isEqualTo(referenceCrm);
        assertThat(SchemaSnapshot.history(crm, CRM_HISTORY)).isEqualTo(referenceCrmHistory);
    }

    private static Flyway plainFlyway(DataSource dataSource, String location, String table) {
        return Flyway.configure().dataSource(dataSource).locations(location).table(table).load();
    }

    private static JdbcTemplate fresh(String database) {
        return new JdbcTemplate(new DriverManagerDataSource(DB.freshDatabase(database), DB.user(), DB.password()));
    }
}
