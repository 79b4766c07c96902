-- Data-quality checker and monthly data-health report (issue 4).
-- Re-runnable after a start-up killed half-way (io.etlhub.connector.SchemaMigrations): CREATE TABLE
-- IF NOT EXISTS with the indexes inside; columns and indexes on earlier tables go to SchemaChanges.

-- Opportunity stage changes captured by the hub (Debezium on the CRM's opportunity table) when the
-- CRM keeps no stage history of its own. source_position makes a replayed change a no-op.
CREATE TABLE IF NOT EXISTS quality_stage_history (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    opportunity_id  BIGINT       NOT NULL,
    opportunity_no  VARCHAR(64),
    owner           VARCHAR(100),
    from_stage      VARCHAR(60),
    to_stage        VARCHAR(60)  NOT NULL,
    changed_at      DATETIME(3)  NOT NULL,
    source_position VARCHAR(200) NOT NULL,
    captured_at     DATETIME(3)  NOT NULL,
    UNIQUE INDEX ux_quality_stage_history_pos (source_position),
    INDEX ix_quality_stage_history_changed (changed_at),
    INDEX ix_quality_stage_history_opp (opportunity_id, changed_at)
);

-- One row per generated report; a month may be reported more than once (history kept, the newest counts).
CREATE TABLE IF NOT EXISTS quality_report (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    period       CHAR(7)      NOT NULL,
    run_id       BIGINT,
    trigger_type VARCHAR(20),
    actor        VARCHAR(100),
    generated_at DATETIME(3)  NOT NULL,
    findings     BIGINT       NOT NULL DEFAULT 0,
    INDEX ix_quality_report_period (period, id)
);

CREATE TABLE IF NOT EXISTS quality_metric (
    report_id      BIGINT        NOT NULL,
    metric_id      VARCHAR(60)   NOT NULL,
    metric_value   DECIMAL(19, 2),
    numerator      BIGINT,
    denominator    BIGINT,
    unit           VARCHAR(20)   NOT NULL,
    better         VARCHAR(10)   NOT NULL,
    green_bound    DECIMAL(19, 2) NOT NULL,
    amber_bound    DECIMAL(19, 2) NOT NULL,
    verdict        VARCHAR(10)   NOT NULL,
    previous_value DECIMAL(19, 2),
    value_change   DECIMAL(19, 2),
    details        VARCHAR(2000),
    PRIMARY KEY (report_id, metric_id)
);

CREATE TABLE IF NOT EXISTS quality_finding (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    report_id   BIGINT       NOT NULL,
    rule_id     VARCHAR(60)  NOT NULL,
    seq         INT          NOT NULL,
    record_id   VARCHAR(64),
    record_no   VARCHAR(200),
    owner       VARCHAR(100),
    problem     VARCHAR(1000) NOT NULL,
    since       DATETIME(3),
    INDEX ix_quality_finding_report (report_id, rule_id, seq)
);

-- The index on receipt_event for receipt lag is in V7 (HubStoreMigrations).
