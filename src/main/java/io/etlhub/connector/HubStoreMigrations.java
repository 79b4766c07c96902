package io.etlhub.connector;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

import javax.sql.DataSource;
import java.sql.DatabaseMetaData;
import java.util.Map;

/**
 * The hub store's migrations (db/migration/hub plus the {@link SchemaChanges} below), run by Spring
 * Boot's Flyway through {@link SchemaMigrations}: a start-up killed while they ran starts again untouched.
 */
@Configuration(proxyBeanMethods = false)
public class HubStoreMigrations {
    public static final String LOCATION = "classpath:db/migration/hub";
    /** What differs by database (h2, mysql, mariadb): Spring Boot's spring.flyway.locations names it hub-{vendor}. */
    public static final String VENDOR_LOCATION = "classpath:db/migration/hub-";

    /**
     * Checksums of V1, V4, V5 and V6 as released before they became re-runnable (CREATE TABLE IF NOT
     * EXISTS, indexes inside the table statement; V4's index on receipt_event moved to V7): a store
     * migrated with them gets them realigned, since the schema is the same. Releases before those
     * (V4 without that index, V6 without console_user) are not listed: their schema differs.
     */
    static final Map<String, Integer> EARLIER_CHECKSUMS = Map.of(
            "1", -985463580, "4", -1296918537, "5", -100850275, "6", 235146918);

    @Bean
    FlywayMigrationStrategy hubStoreMigrationStrategy() {
        return flyway -> SchemaMigrations.migrate(flyway, "hub store", EARLIER_CHECKSUMS);
    }

    /** Spring Boot's Flyway of the hub store (configured from spring.flyway.*) gets the Java migrations, as {@link #migrate} does. */
    @Bean
    FlywayConfigurationCustomizer hubStoreJavaMigrations() {
        return configuration -> configuration.javaMigrations(javaMigrations());
    }

    /** The hub store's Java migrations, in version order: the one list both Spring's Flyway and {@link #migrate} take. */
    static JavaMigration[] javaMigrations() {
        return new JavaMigration[] {javaMigration(), archiveCompanies(), qualityNotConfigured(), receiptLedgerLastDates(),
                lapseLinesByCapture(), lapseVisitsByCardOnly(), receiptEventBatchIndex(), receiptLedgerFirstSeen(),
                archiveStagingLean(), archiveStagingWithoutGroupingIndexes(), customerViewOrdersByCustomerLine(), receiptBatchEffects()};
    }

    /**
     * Archive import, issue 15: two indexes no query reads any more (credit code: companies by credit code are
     * found while reading; V5's name_phone_key is no longer written), each one B-tree less to write per staged row.
     */
    static SchemaChanges archiveStagingLean() {
        return SchemaChanges.version("27.1", "archive staging: indexes the import reads by")
                .dropIndex("archive_staging", "ix_archive_staging_code")
                .dropIndex("archive_staging", "ix_archive_staging_np");
    }

    /**
     * Archive import, issue 15: the name and company-key indexes served only the set-based grouping, which runs when a
     * row has no credit code and then reads the import's rows whole anyway; every staged row paid two long B-tree keys.
     */
    static SchemaChanges archiveStagingWithoutGroupingIndexes() {
        return SchemaChanges.version("27.5", "archive staging: no grouping indexes")
                .dropIndex("archive_staging", "ix_archive_staging_name")
                .dropIndex("archive_staging", "ix_archive_staging_company");
    }

    /**
     * Data quality, issue 11: why a rule was not run (switched off, CRM table or column missing), a
     * message key and its arguments beside the metric. V12_2 widens the verdict for NOT_CONFIGURED.
     */
    static SchemaChanges qualityNotConfigured() {
        return SchemaChanges.version("12.1", "quality: why a rule was not configured")
                .addColumn("quality_metric", "not_configured", "VARCHAR(500)");
    }

    /**
     * Indexes on tables of earlier migrations. Receipt lag (quality) reads the APPLY events of one
     * month: an index on receipt_event, which belongs to the receipts feature (V1).
     */
    static SchemaChanges javaMigration() {
        return SchemaChanges.version("7", "indexes on earlier tables")
                .addIndex("receipt_event", "ix_receipt_event_action_time", "action, created_at");
    }

    /**
     * Archive import, issue 11: counts that say what happened (unchanged customers, columns not
     * imported) and de-duplication by company. name_key: the normalised company name; company_key:
     * C:<credit code> or N:<name key>; company_seq: the seq of the company's first row, the order in
     * which its rows are merged. V5's name_phone_key is no longer written.
     */
    static SchemaChanges archiveCompanies() {
        return SchemaChanges.version("7.1", "archive import companies and counts")
                .addColumn("archive_import", "unchanged", "BIGINT NOT NULL DEFAULT 0")
                .addColumn("archive_import", "unmapped_columns", "VARCHAR(2000)")
                .addColumn("archive_staging", "name_key", "VARCHAR(300)")
                .addColumn("archive_staging", "company_key", "VARCHAR(310)")
                .addColumn("archive_staging", "company_seq", "BIGINT")
                .addIndex("archive_staging", "ix_archive_staging_name", "import_id, name_key")
                .addIndex("archive_staging", "ix_archive_staging_company", "import_id, company_key")
                .addIndex("archive_staging", "ix_archive_staging_order", "import_id, company_seq, seq");
    }

    /**
     * Receipts, issue 15: an opportunity's last receipt date (MAX(document_date) of its applied positive
     * receipts) read from one index, without a row look-up per receipt. It replaces the index on
     * opportunity_id alone, which it starts with, so each ledger row still writes four indexes.
     */
    static SchemaChanges receiptLedgerLastDates() {
        return SchemaChanges.version("20.1", "receipt ledger: last receipt dates from an index")
                .addIndex("receipt_ledger", "ix_receipt_ledger_opportunity_last", "opportunity_id, state, document_date, applied_amount")
                .dropIndex("receipt_ledger", "ix_receipt_ledger_opportunity");
    }

    /**
     * Receipts, issue 15: no query reads receipt_event by batch id (the batches' effects are in
     * receipt_batch.effects, older batches' in receipt_batch_effect), so the index on it only cost a write per event row.
     */
    static SchemaChanges receiptEventBatchIndex() {
        return SchemaChanges.version("26.1", "receipt events: no index on the batch id")
                .dropIndex("receipt_event", "ix_receipt_event_batch");
    }

    /**
     * Receipts, issue 15: a route's plain first apply has no event row, the ledger row (first_seen_at) says it;
     * quality's receipt lag finds the month's such applies by first_seen_at, which only grows (appended to).
     */
    static SchemaChanges receiptLedgerFirstSeen() {
        return SchemaChanges.version("26.5", "receipt ledger: index on first seen")
                .addIndex("receipt_ledger", "ix_receipt_ledger_first_seen", "first_seen_at");
    }

    /**
     * Receipts, issue 15: a batch's per-opportunity effects are one text in its receipt_batch row instead of a
     * receipt_batch_effect row each (a first load wrote nearly one per document); batches recorded before keep
     * theirs in receipt_batch_effect. MEDIUMTEXT: a batch of 5,000 documents can move 5,000 opportunities.
     */
    static SchemaChanges receiptBatchEffects() {
        return SchemaChanges.version("30.1", "receipt batches: effects in the batch row")
                .addColumn("receipt_batch", "effects", "MEDIUMTEXT");
    }

    /**
     * POS lapse, issue 13: the lines captured since a time (the rhythm rebuild adds back the visits of sales
     * captured while it ran). captured_at only grows, so the index is appended to, not written at random.
     */
    static SchemaChanges lapseLinesByCapture() {
        return SchemaChanges.version("24.3", "lapse: sale lines by capture time")
                .addIndex("lapse_sale_line", "ix_lapse_sale_line_captured", "captured_at");
    }

    /**
     * POS lapse, issue 13: every read of lapse_visit is by member (its primary key); the index by store and day
     * (V15_1) served none, and cost a write per visit to the capture and 5.7 million to a full rebuild.
     */
    static SchemaChanges lapseVisitsByCardOnly() {
        return SchemaChanges.version("24.4", "lapse: visits indexed by member only")
                .dropIndex("lapse_visit", "ix_lapse_visit_store");
    }

    /**
     * Customer 360, issue 12: after work orders changed, the incremental refresh reads every customer's lines and
     * schedule window (GROUP BY customer and line, MIN start, MAX end) to find whose line load moved; an index holding
     * all of it answers from the index in its order. It starts like the index by connector and customer, which it replaces.
     */
    static SchemaChanges customerViewOrdersByCustomerLine() {
        return SchemaChanges.version("28.1", "customer view: work orders by customer and line")
                .addIndex("cv_work_orders", "ix_cv_work_orders_customer_line", "connector, customer_code, line_code, planned_start, planned_end")
                .dropIndex("cv_work_orders", "ix_cv_work_orders_customer");
    }

    /** The same migrations outside Spring (benchmarks, tests). */
    public static void migrate(DataSource hub) {
        String vendor;
        try {
            vendor = DatabaseDriver.fromJdbcUrl(JdbcUtils.extractDatabaseMetaData(hub, DatabaseMetaData::getURL)).getId();
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("hub store: cannot tell its database: " + e.getMessage(), e);
        }
        SchemaMigrations.migrate(Flyway.configure().dataSource(hub).locations(LOCATION, VENDOR_LOCATION + vendor)
                .javaMigrations(javaMigrations()).load(), "hub store",
                EARLIER_CHECKSUMS);
    }
}
