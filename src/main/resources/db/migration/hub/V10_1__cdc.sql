-- CDC (connector kind debezium): offsets, schema history and the idempotent consumer, per engine (the route id).
-- Re-runnable (io.etlhub.connector.SchemaMigrations): CREATE TABLE IF NOT EXISTS with the indexes inside.

-- The idempotent consumer: change events an engine has finished (processed or dead-lettered),
-- keyed by binlog position and primary key, so a replay after a crash is skipped.
CREATE TABLE IF NOT EXISTS cdc_event_seen (
    engine    VARCHAR(100) NOT NULL,
    event_key VARCHAR(300) NOT NULL,
    seen_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (engine, event_key),
    INDEX ix_cdc_event_seen_at (engine, seen_at)
);

-- Each engine's offsets (its binlog position): one row per offset key, written only by its engine.
CREATE TABLE IF NOT EXISTS cdc_offset (
    engine       VARCHAR(100)  NOT NULL,
    offset_key   VARCHAR(600)  NOT NULL,
    offset_value VARCHAR(4000),
    updated_at   DATETIME(3)   NOT NULL,
    PRIMARY KEY (engine, offset_key)
);

-- Each engine's schema history: the DDL it has seen, in order, to read binlog rows after a restart.
CREATE TABLE IF NOT EXISTS cdc_schema_history (
    engine      VARCHAR(100) NOT NULL,
    seq         BIGINT       NOT NULL,
    record      MEDIUMTEXT   NOT NULL,
    recorded_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (engine, seq)
);
