-- Customer view (issue 12, P6 and deletes): per figure and first key, how many source rows the hub's
-- rows stand for (cv_key_rows), so an incremental refresh sees rows that left the source without a new
-- version (deleted, closed, out of the shipment window) by comparing counts; and the line load per line
-- and day (cv_line_load), computed once from the open work orders when they change instead of in memory
-- on every view build. Re-runnable (CREATE TABLE IF NOT EXISTS with the keys inside).
CREATE TABLE IF NOT EXISTS cv_key_rows (
    connector   VARCHAR(60) NOT NULL,
    figure      VARCHAR(40) NOT NULL,
    key_value   VARCHAR(100) NOT NULL,
    source_rows BIGINT NOT NULL,
    PRIMARY KEY (connector, figure, key_value)
);
CREATE TABLE IF NOT EXISTS cv_line_load (
    line_code       VARCHAR(100) NOT NULL,
    load_date       DATE NOT NULL,
    scheduled_hours DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (line_code, load_date)
);
