package io.etlhub.connector;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Flyway's migrate, preceded by Flyway's repair when a start-up was interrupted: used for the hub
 * store and for the CRM preparation.
 * <p>
 * DDL is not transactional on MySQL/MariaDB, so a hub killed during its first start leaves a
 * migration half done, and Flyway (on the next start) records it as failed and refuses every later
 * start until someone runs repair. Every migration here can run again (CREATE TABLE IF NOT EXISTS,
 * {@link SchemaChanges}), so a failed migration is simply repaired away and run again.
 * <p>
 * Making the migrations re-runnable changed their text, hence their checksums: a store migrated
 * before has the old ones, and Flyway's validation would refuse it. The old checksum of each
 * rewritten migration is listed by the caller; only those are realigned (by the same repair), because
 * the rewritten migrations create exactly the same schema. Any other mismatch (a migration edited
 * without being listed, an older release's text) is left to Flyway's validation, which stops the start.
 */
public final class SchemaMigrations {
    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    private SchemaMigrations() {}

    /**
     * @param store           what the log calls it ("hub store", "CRM connector crm")
     * @param earlierChecksums version -> checksum the migration had before it was rewritten to be re-runnable
     */
    public static MigrateResult migrate(Flyway flyway, String store, Map<String, Integer> earlierChecksums) {
        List<MigrationInfo> failed = new ArrayList<>();
        List<MigrationInfo> rewritten = new ArrayList<>();
        boolean otherMismatch = false;
        for (MigrationInfo m : flyway.info().all()) {
            if (m.getState() == MigrationState.FAILED) {
                failed.add(m);
            } else if (m.getState().isApplied() && m.getResolvedChecksum() != null && differs(m)) {
                String version = m.getVersion() == null ? null : m.getVersion().getVersion();
                if (version != null && m.getAppliedChecksum() != null
                        && m.getAppliedChecksum().equals(earlierChecksums.get(version))) {
                    rewritten.add(m);
                } else {
                    otherMismatch = true;
                }
            }
        }
        if (!otherMismatch && (!failed.isEmpty() || !rewritten.isEmpty())) {
            flyway.repair();
            log.warn("{}: Flyway repair before migrate{}{}", store,
                    failed.isEmpty() ? "" : "; failed (interrupted) migration " + names(failed) + " runs again",
                    rewritten.isEmpty() ? "" : "; checksums of " + names(rewritten) + " realigned (rewritten to be re-runnable, same schema)");
        }
        return flyway.migrate();
    }

    private static boolean differs(MigrationInfo m) {
        return !m.isChecksumMatching() || !m.isTypeMatching() || !m.isDescriptionMatching();
    }

    private static String names(List<MigrationInfo> migrations) {
        return migrations.stream().map(m -> m.getVersion() + " (" + m.getDescription() + ")").collect(Collectors.joining(", "));
    }
}
