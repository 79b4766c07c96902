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
INSERT INTO route_run_count (run_id, name, amount)
SELECT k.id, k.name, k.amount FROM (
    SELECT r.id, n.name, CASE n.name WHEN 'read' THEN r.rows_read WHEN 'applied' THEN r.rows_applied
        WHEN 'reversed' THEN r.rows_reversed WHEN 'unmatched' THEN r.rows_unmatched
        WHEN 'unchanged' THEN r.rows_unchanged ELSE r.rows_failed END AS amount
    FROM route_run r CROSS JOIN (SELECT 'read' AS name UNION ALL SELECT 'applied' UNION ALL SELECT 'reversed'
        UNION ALL SELECT 'unmatched' UNION ALL SELECT 'unchanged' UNION ALL SELECT 'failed') n
) k
WHERE k.amount <> 0 AND NOT EXISTS (SELECT 1 FROM route_run_count c WHERE c.run_id = k.id AND c.name = k.name);
