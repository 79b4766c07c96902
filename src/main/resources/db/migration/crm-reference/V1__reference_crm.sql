-- Reference CRM schema for the demo and the tests (MySQL/MariaDB and H2 in MySQL mode).
-- A real CRM keeps its own schema; mappings/crm.yml maps it. Only etlhub_apply_journal is the hub's.
-- Re-runnable after a start-up killed half-way (io.etlhub.connector.SchemaMigrations): CREATE TABLE
-- IF NOT EXISTS with the indexes inside; columns and indexes on earlier tables go to SchemaChanges.
CREATE TABLE IF NOT EXISTS crm_customer (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    erp_customer_code VARCHAR(40),
    name              VARCHAR(200) NOT NULL,
    credit_code       VARCHAR(18),
    phone             VARCHAR(40),
    email             VARCHAR(120),
    address           VARCHAR(300),
    owner             VARCHAR(60),
    created_at        DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at        DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    UNIQUE INDEX ux_crm_customer_erp_code (erp_customer_code),
    INDEX ix_crm_customer_credit_code (credit_code)
);

CREATE TABLE IF NOT EXISTS crm_lead (
    id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
    lead_no            VARCHAR(40) NOT NULL,
    customer_name      VARCHAR(200),
    lead_source        VARCHAR(60),
    owner              VARCHAR(60),
    status             VARCHAR(20),
    created_at         DATETIME(3) NOT NULL,
    first_follow_up_at DATETIME(3),
    UNIQUE INDEX ux_crm_lead_no (lead_no)
);

CREATE TABLE IF NOT EXISTS crm_opportunity (
    id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
    opp_no               VARCHAR(40) NOT NULL,
    customer_id          BIGINT,
    lead_id              BIGINT,
    name                 VARCHAR(200),
    stage                VARCHAR(40) NOT NULL,
    owner                VARCHAR(60),
    currency             CHAR(3) NOT NULL DEFAULT 'CNY',
    signed_amount        DECIMAL(18, 2) NOT NULL DEFAULT 0,
    received_amount      DECIMAL(18, 2) NOT NULL DEFAULT 0,
    outstanding_amount   DECIMAL(18, 2) NOT NULL DEFAULT 0,
    last_receipt_date    DATE,
    receipt_status       VARCHAR(20) NOT NULL DEFAULT '未回款',
    planned_receipt_date DATE,
    won_date             DATE,
    created_at           DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at           DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    UNIQUE INDEX ux_crm_opportunity_no (opp_no),
    INDEX ix_crm_opportunity_customer (customer_id)
);

CREATE TABLE IF NOT EXISTS crm_opportunity_stage_history (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    opportunity_id BIGINT NOT NULL,
    from_stage     VARCHAR(40),
    to_stage       VARCHAR(40) NOT NULL,
    changed_at     DATETIME(3) NOT NULL,
    changed_by     VARCHAR(60),
    INDEX ix_crm_stage_history_opp (opportunity_id, changed_at)
);

CREATE TABLE IF NOT EXISTS etlhub_apply_journal (
    batch_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    route_id   VARCHAR(100) NOT NULL,
    applied_at DATETIME(3) NOT NULL
);
