-- The hub's own store (H2 by default, MySQL/MariaDB in production).
-- Re-runnable after a start-up killed half-way (io.etlhub.connector.SchemaMigrations): CREATE TABLE
-- IF NOT EXISTS with the indexes inside; columns and indexes on earlier tables go to SchemaChanges.

-- Where each route's incremental read stopped.
CREATE TABLE IF NOT EXISTS route_watermark (
    route_id       VARCHAR(100) NOT NULL PRIMARY KEY,
    cursor_version VARCHAR(64),
    cursor_key     VARCHAR(128),
    runs_since_key_scan INT NOT NULL DEFAULT 0,
    updated_at     DATETIME(3) NOT NULL
);

-- Every run of every route, with its counts.
CREATE TABLE IF NOT EXISTS route_run (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    route_id       VARCHAR(100) NOT NULL,
    trigger_type   VARCHAR(20) NOT NULL,
    triggered_by   VARCHAR(100),
    started_at     DATETIME(3) NOT NULL,
    ended_at       DATETIME(3),
    status         VARCHAR(20) NOT NULL,
    rows_read      BIGINT NOT NULL DEFAULT 0,
    rows_applied   BIGINT NOT NULL DEFAULT 0,
    rows_reversed  BIGINT NOT NULL DEFAULT 0,
    rows_unmatched BIGINT NOT NULL DEFAULT 0,
    rows_unchanged BIGINT NOT NULL DEFAULT 0,
    rows_failed    BIGINT NOT NULL DEFAULT 0,
    error_message  VARCHAR(4000),
    INDEX ix_route_run_route (route_id, started_at)
);

-- One row per ERP receipt document the hub has seen: what it was when last read, and what of it
-- is in the CRM now (applied_amount, in the opportunity's currency). Unmatched and dismissed
-- documents are the finance queue.
CREATE TABLE IF NOT EXISTS receipt_ledger (
    source_system         VARCHAR(20)   NOT NULL,
    document_id           VARCHAR(64)   NOT NULL,
    route_id              VARCHAR(100)  NOT NULL,
    document_no           VARCHAR(64),
    document_date         DATE,
    customer_code         VARCHAR(64),
    currency              VARCHAR(20),
    exchange_rate         DECIMAL(19, 8),
    amount                DECIMAL(19, 2),
    local_amount          DECIMAL(19, 2),
    memo                  VARCHAR(500),
    source_version        VARCHAR(64),
    content_hash          VARCHAR(64)   NOT NULL,
    state                 VARCHAR(20)   NOT NULL,
    reason                VARCHAR(40),
    reason_detail         VARCHAR(500),
    opportunity_id        BIGINT,
    opportunity_no        VARCHAR(64),
    applied_amount        DECIMAL(19, 2) NOT NULL DEFAULT 0,
    applied_currency      VARCHAR(3),
    manual_opportunity_no VARCHAR(64),
    first_seen_at         DATETIME(3)   NOT NULL,
    updated_at            DATETIME(3)   NOT NULL,
    PRIMARY KEY (source_system, document_id),
    INDEX ix_receipt_ledger_opportunity (opportunity_id),
    INDEX ix_receipt_ledger_state (state, route_id),
    INDEX ix_receipt_ledger_date (document_date)
);

-- Every change the hub made because of a receipt document: the history behind the ledger.
CREATE TABLE IF NOT EXISTS receipt_event (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    source_system  VARCHAR(20)  NOT NULL,
    document_id    VARCHAR(64)  NOT NULL,
    batch_id       VARCHAR(64),
    action         VARCHAR(20)  NOT NULL,
    opportunity_id BIGINT,
    amount_delta   DECIMAL(19, 2) NOT NULL DEFAULT 0,
    reason         VARCHAR(40),
    actor          VARCHAR(100),
    note           VARCHAR(500),
    created_at     DATETIME(3)  NOT NULL,
    INDEX ix_receipt_event_document (source_system, document_id),
    INDEX ix_receipt_event_batch (batch_id)
);

-- A batch is decided and recorded here first (ledger, events, effects, watermark in one hub
-- transaction), then applied to the CRM in one CRM transaction that also writes the batch id
-- into the CRM's apply journal, then marked DONE. A PENDING batch is replayed before the next run.
CREATE TABLE IF NOT EXISTS receipt_batch (
    batch_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    route_id     VARCHAR(100) NOT NULL,
    run_id       BIGINT,
    state        VARCHAR(12)  NOT NULL,
    created_at   DATETIME(3)  NOT NULL,
    completed_at DATETIME(3),
    INDEX ix_receipt_batch_state (route_id, state)
);

CREATE TABLE IF NOT EXISTS receipt_batch_effect (
    batch_id          VARCHAR(64)    NOT NULL,
    opportunity_id    BIGINT         NOT NULL,
    delta_amount      DECIMAL(19, 2) NOT NULL,
    last_receipt_date DATE,
    PRIMARY KEY (batch_id, opportunity_id)
);
