-- Customer view (issue 12): the source's row count per code, written by a key scan and compared with
-- cv_key_rows in the hub (customerview.FigureRefresh): a code normalised by SourceKeys has no index in the
-- source, so the source is grouped once instead of counted a page of codes at a time. Emptied after each scan.
-- Re-runnable.
CREATE TABLE IF NOT EXISTS cv_key_scan (
    connector   VARCHAR(60) NOT NULL,
    figure      VARCHAR(40) NOT NULL,
    key_value   VARCHAR(100) NOT NULL,
    source_rows BIGINT NOT NULL,
    PRIMARY KEY (connector, figure, key_value)
);
