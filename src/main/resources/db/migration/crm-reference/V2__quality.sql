-- Data-quality checks (issue 4): what the reference CRM records about customer edits, and the
-- indexes the monthly checks filter on. Portable across MySQL/MariaDB and H2 in MySQL mode.
-- Re-runnable after a start-up killed half-way (io.etlhub.connector.SchemaMigrations): CREATE TABLE
-- IF NOT EXISTS with the indexes inside; columns and indexes on earlier tables go to SchemaChanges.
CREATE TABLE IF NOT EXISTS crm_customer_change_log (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT       NOT NULL,
    field_name  VARCHAR(60)  NOT NULL,
    old_value   VARCHAR(300),
    new_value   VARCHAR(300),
    changed_at  DATETIME(3)  NOT NULL,
    changed_by  VARCHAR(60),
    INDEX ix_crm_customer_change_at (changed_at, customer_id),
    INDEX ix_crm_customer_change_customer (customer_id, changed_at)
);
-- The indexes on crm_lead (created_at) and crm_opportunity_stage_history (changed_at) are in V4 (CrmReferenceSchema), which can run again.
