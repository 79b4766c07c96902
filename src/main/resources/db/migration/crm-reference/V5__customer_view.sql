-- Customer 360 (issue 12) in the reference CRM: the customer view the hub fills (one row per customer,
-- every figure group with its source system, as-of time and stale flag), and the interactions and
-- contracts the health score reads. A real CRM maps its own tables in mappings/crm.yml.
-- Re-runnable (CREATE TABLE IF NOT EXISTS with the indexes inside).
CREATE TABLE IF NOT EXISTS crm_customer_view (
    customer_code      VARCHAR(60) NOT NULL PRIMARY KEY,
    schedule_start     DATETIME(3),
    schedule_end       DATETIME(3),
    open_orders        INT,
    late_risk_orders   INT,
    peak_line_load     DECIMAL(9, 4),
    schedule_source    VARCHAR(60),
    schedule_as_of     DATETIME(3),
    schedule_stale     TINYINT NOT NULL DEFAULT 0,
    min_cover_days     DECIMAL(12, 1),
    cover_item         VARCHAR(100),
    below_safety_items INT,
    stock_source       VARCHAR(60),
    stock_as_of        DATETIME(3),
    stock_stale        TINYINT NOT NULL DEFAULT 0,
    credit_line        DECIMAL(18, 2),
    open_receivables   DECIMAL(18, 2),
    pipeline_amount    DECIMAL(18, 2),
    remaining_credit   DECIMAL(18, 2),
    credit_source      VARCHAR(60),
    credit_as_of       DATETIME(3),
    credit_stale       TINYINT NOT NULL DEFAULT 0,
    health_score       INT,
    health_breakdown   VARCHAR(200),
    alerts             VARCHAR(200),
    refreshed_at       DATETIME(3) NOT NULL
);

CREATE TABLE IF NOT EXISTS crm_activity (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    kind        VARCHAR(40),
    occurred_at DATETIME(3) NOT NULL,
    INDEX ix_crm_activity_customer (customer_id, occurred_at)
);

CREATE TABLE IF NOT EXISTS crm_contract (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    contract_no VARCHAR(40),
    end_date    DATE,
    INDEX ix_crm_contract_customer (customer_id, end_date)
);
