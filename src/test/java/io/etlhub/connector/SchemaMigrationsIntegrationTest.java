package io.etlhub.connector;

import io.etlhub.demo.CrmReferenceSchema;
import io.etlhub.support.ReferenceSchemas;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Flyway's repair before migrate (SchemaMigrations) on the tests' MariaDB: the state a killed first
 * start used to leave (a failed migration), stores migrated before the migrations became re-runnable
 * (old checksums), a half-done SchemaChanges, and a mismatch that must still stop the start.
 */
class SchemaMigrationsIntegrationTest {
    private static final ReferenceSchemas REFERENCE = ReferenceSchemas.get();

    @Test
    void aFailedMigrationIsRepairedAndRunsAgain() {
        JdbcTemplate hub = migratedHub();
        // What the old migrations left after a kill during V4 and one more start: V4 half done and
        // recorded as failed, nothing after it.
        deleteFrom(hub, ReferenceSchemas.HUB_HISTORY, "5");
        hub.update("UPDATE flyway_schema_history SET success = 0 WHERE version = '4'");
        for (String table : List.of("quality_metric", "quality_finding", "archive_import", "archive_staging", "archive_issue",
                "dead_letter", "audit_log", "console_user", "cdc_event_seen", "cdc_offset", "cdc_schema_history",
                "notification_outbox", "EVENT_PUBLICATION")) {
            hub.execute("DROP TABLE " + table);
        }
        hub.execute("DROP INDEX ix_receipt_event_action_time ON receipt_event");
        assertThatThrownBy(() -> Flyway.configure().dataSource(hub.getDataSource()).locations(HubStoreMigrations.LOCATION)
                .load().migrate())
                .isInstanceOf(FlywayException.class).hasMessageContaining("Detected failed migration to version 4");

        HubStoreMigrations.migrate(hub.getDataSource());

        REFERENCE.assertCompleteHubStore(hub, "sm_hub");
    }

    @Test
    void aHubStoreMigratedBeforeTheMigrationsBecameReRunnableIsRealigned() {
        JdbcTemplate hub = migratedHub();
        setEarlierChecksums(hub, ReferenceSchemas.HUB_HISTORY, HubStoreMigrations.EARLIER_CHECKSUMS, "7", "7.1");
        assertThat(Flyway.configure().dataSource(hub.getDataSource()).locations(HubStoreMigrations.LOCATION)
                .load().validateWithResult().validationSuccessful).as("plain Flyway refuses the earlier checksums").isFalse();

        HubStoreMigrations.migrate(hub.getDataSource());

        REFERENCE.assertCompleteHubStore(hub, "sm_hub");
    }

    @Test
    void aCrmPreparedBeforeTheMigrationsBecameReRunnableIsRealigned() {
        JdbcTemplate crm = migratedCrm();
        // V3's ALTERs and V2's indexes on earlier tables are V4 now.
        setEarlierChecksums(crm, ReferenceSchemas.CRM_HISTORY, CrmReferenceSchema.EARLIER_CHECKSUMS, "4", "4.1");

        CrmReferenceSchema.migrate(crm.getDataSource());

        REFERENCE.assertCompleteCrm(crm, "sm_crm");
    }

    @Test
    void anyOtherMismatchStillStopsTheStartAndNothingIsRepaired() {
        JdbcTemplate hub = migratedHub();
        hub.update("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '5'");
        hub.update("UPDATE flyway_schema_history SET success = 0 WHERE version = '6'");

        assertThatThrownBy(() -> HubStoreMigrations.migrate(hub.getDataSource()))
                .isInstanceOf(FlywayValidateException.class).hasMessageContaining("checksum mismatch");

        assertThat(hub.queryForObject("SELECT checksum FROM flyway_schema_history WHERE version = '5'", Integer.class)).isEqualTo(12345);
        assertThat(hub.queryForObject("SELECT success FROM flyway_schema_history WHERE version = '6'", Boolean.class)).isFalse();
    }

    @Test
    void aHalfDoneSchemaChangeRunsAgain() {
        JdbcTemplate crm = migratedCrm();
        // V4 killed after its first columns: the rest of them and its indexes missing, not recorded.
        crm.execute("ALTER TABLE crm_customer DROP COLUMN registered_capital, DROP COLUMN source_file, DROP INDEX ix_crm_customer_name, "
                + "DROP COLUMN created_date, DROP COLUMN customer_source, DROP COLUMN remark"); // 4.1, after V4: not reached
        crm.execute("DROP INDEX ix_crm_lead_created ON crm_lead");
        // nothing from V4 on is recorded (later reference versions, Customer 360 and lapse, never ran either)
        Integer killedAt = crm.queryForObject("SELECT installed_rank FROM etlhub_crm_schema_history WHERE version = '4'", Integer.class);
        crm.update("DELETE FROM etlhub_crm_schema_history WHERE installed_rank >= ?", killedAt);

        CrmReferenceSchema.migrate(crm.getDataSource());

        REFERENCE.assertCompleteCrm(crm, "sm_crm");
    }

    private static JdbcTemplate migratedHub() {
        JdbcTemplate hub = REFERENCE.fresh("sm_hub");
        HubStoreMigrations.migrate(hub.getDataSource());
        return hub;
    }

    private static JdbcTemplate migratedCrm() {
        JdbcTemplate crm = REFERENCE.fresh("sm_crm");
        CrmReferenceSchema.migrate(crm.getDataSource());
        return crm;
    }

    /** The history of a store migrated with the earlier text: earlier checksums, nothing from the first later version on. */
    private static void setEarlierChecksums(JdbcTemplate jdbc, String history, Map<String, Integer> checksums, String... laterVersions) {
        checksums.forEach((version, checksum) ->
                jdbc.update("UPDATE `" + history + "` SET checksum = ? WHERE version = ?", checksum, version));
        // A store of that release has none of laterVersions, nor any migration after them.
        Integer rank = jdbc.queryForObject("SELECT MIN(installed_rank) FROM `" + history + "` WHERE version IN ("
                + String.join(", ", java.util.Collections.nCopies(laterVersions.length, "?")) + ")", Integer.class, (Object[]) laterVersions);
        jdbc.update("DELETE FROM `" + history + "` WHERE installed_rank >= ?", rank);
    }

    /** Forgets {@code from} and every later version (7.1 comes after 7), as a store that never ran them. */
    private static void deleteFrom(JdbcTemplate jdbc, String history, String from) {
        MigrationVersion first = MigrationVersion.fromVersion(from);
        for (String version : jdbc.queryForList("SELECT version FROM `" + history + "` WHERE version IS NOT NULL", String.class)) {
            if (MigrationVersion.fromVersion(version).compareTo(first) >= 0) {
                jdbc.update("DELETE FROM `" + history + "` WHERE version = ?", version);
            }
        }
    }
}
