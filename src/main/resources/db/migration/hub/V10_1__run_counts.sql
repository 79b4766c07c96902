-- Issue 10: every kind names its own counters (receipts: read, applied, reversed, unmatched;
-- reports: findings; imports: imported, merged, rejected). One row per run and counter.
CREATE TABLE route_run_count (
    run_id BIGINT      NOT NULL,
    name   VARCHAR(40) NOT NULL,
    amount BIGINT      NOT NULL,
    PRIMARY KEY (run_id, name)
);
INSERT INTO route_run_count (run_id, name, amount) SELECT id, 'read', rows_read FROM route_run WHERE rows_read <> 0;
INSERT INTO route_run_count (run_id, name, amount) SELECT id, 'applied', rows_applied FROM route_run WHERE rows_applied <> 0;
INSERT INTO route_run_count (run_id, name, amount) SELECT id, 'reversed', rows_reversed FROM route_run WHERE rows_reversed <> 0;
INSERT INTO route_run_count (run_id, name, amount) SELECT id, 'unmatched', rows_unmatched FROM route_run WHERE rows_unmatched <> 0;
INSERT INTO route_run_count (run_id, name, amount) SELECT id, 'unchanged', rows_unchanged FROM route_run WHERE rows_unchanged <> 0;
INSERT INTO route_run_count (run_id, name, amount) SELECT id, 'failed', rows_failed FROM route_run WHERE rows_failed <> 0;
ALTER TABLE route_run DROP COLUMN rows_read;
ALTER TABLE route_run DROP COLUMN rows_applied;
ALTER TABLE route_run DROP COLUMN rows_reversed;
ALTER TABLE route_run DROP COLUMN rows_unmatched;
ALTER TABLE route_run DROP COLUMN rows_unchanged;
ALTER TABLE route_run DROP COLUMN rows_failed;
