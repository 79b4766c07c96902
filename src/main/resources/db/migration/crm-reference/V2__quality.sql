-- Data-quality checks (issue 4): what the reference CRM records about customer edits, and the
-- indexes the monthly checks filter on. Portable across MySQL/MariaDB and H2 in MySQL mode.
CREATE TABLE crm_customer_change_log (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT       NOT NULL,
    field_name  VARCHAR(60)  NOT NULL,
    old_value   VARCHAR(300),
    new_value   VARCHAR(300),
    changed_at  DATETIME(3)  NOT NULL,
    changed_by  VARCHAR(60)
);
CREATE INDEX ix_crm_customer_change_at ON crm_customer_change_log (changed_at, customer_id);
CREATE INDEX ix_crm_customer_change_customer ON crm_customer_change_log (customer_id, changed_at);
CREATE INDEX ix_crm_lead_created ON crm_lead (created_at);
CREATE INDEX ix_crm_stage_history_changed ON crm_opportunity_stage_history (changed_at);
