-- The notification outbox (connector kind webhook): queued in the caller's transaction, delivered by
-- the worker with retries and back-off; (event_id, endpoint) unique = one delivery per endpoint.
-- Re-runnable (io.etlhub.connector.SchemaMigrations): CREATE TABLE IF NOT EXISTS with the indexes inside.
CREATE TABLE IF NOT EXISTS notification_outbox (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    event_id        VARCHAR(200)  NOT NULL,
    endpoint        VARCHAR(100)  NOT NULL,
    title           VARCHAR(200),
    body            VARCHAR(8000) NOT NULL,
    state           VARCHAR(20)   NOT NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(3)   NOT NULL,
    last_attempt_at DATETIME(3),
    last_error      VARCHAR(2000),
    created_at      DATETIME(3)   NOT NULL,
    delivered_at    DATETIME(3),
    UNIQUE INDEX ux_notification_outbox_event (event_id, endpoint),
    INDEX ix_notification_outbox_due (state, next_attempt_at),
    INDEX ix_notification_outbox_sent (endpoint, last_attempt_at)
);
