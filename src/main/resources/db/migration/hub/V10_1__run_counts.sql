-- Issue 10: every kind names its own counters (receipts: read, applied, reversed, unmatched;
-- reports: findings; imports: imported, merged, rejected). One row per run and counter.
-- Re-runnable after a start-up killed half-way (io.etlhub.connector.SchemaMigrations).
CREATE TABLE IF NOT EXISTS route_run_count (
    run_id BIGINT      NOT NULL,
    name   VARCHAR(40) NOT NULL,
    amount BIGINT      NOT NULL,
    PRIMARY KEY (run_id, name)
);
-- The counts of earlier runs, from route_run's fixed columns (no longer written: MySQL cannot drop a
-- column re-runnably, so they stay, at their default 0 for new runs).
INSERT INTO route_run_count (run_id, name, amount) SELECT r.id, 'read', r.rows_read FROM route_run r
    WHERE r.rows_read <> 0 AND NOT EXISTS (SELECT 1 FROM route_run_count c WHERE c.run_id = r.id AND c.name = 'read');
INSERT INTO route_run_count (run_id, name, amount) SELECT r.id, 'applied', r.rows_applied FROM route_run r
    WHERE r.rows_applied <> 0 AND NOT EXISTS (SELECT 1 FROM route_run_count c WHERE c.run_id = r.id AND c.name = 'applied');
INSERT INTO route_run_count (run_id, name, amount) SELECT r.id, 'reversed', r.rows_reversed FROM route_run r
    WHERE r.rows_reversed <> 0 AND NOT EXISTS (SELECT 1 FROM route_run_count c WHERE c.run_id = r.id AND c.name = 'reversed');
INSERT INTO route_run_count (run_id, name, amount) SELECT r.id, 'unmatched', r.rows_unmatched FROM route_run r
    WHERE r.rows_unmatched <> 0 AND NOT EXISTS (SELECT 1 FROM route_run_count c WHERE c.run_id = r.id AND c.name = 'unmatched');
INSERT INTO route_run_count (run_id, name, amount) SELECT r.id, 'unchanged', r.rows_unchanged FROM route_run r
    WHERE r.rows_unchanged <> 0 AND NOT EXISTS (SELECT 1 FROM route_run_count c WHERE c.run_id = r.id AND c.name = 'unchanged');
INSERT INTO route_run_count (run_id, name, amount) SELECT r.id, 'failed', r.rows_failed FROM route_run r
    WHERE r.rows_failed <> 0 AND NOT EXISTS (SELECT 1 FROM route_run_count c WHERE c.run_id = r.id AND c.name = 'failed');
