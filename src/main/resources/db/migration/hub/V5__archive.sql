-- Legacy Excel archive import (issue 5): import history, staged rows, report lines.
-- One row per import attempt; a SUCCEEDED row with the same content hash makes a re-import a no-op.
-- Re-runnable after a start-up killed half-way (io.etlhub.connector.SchemaMigrations): CREATE TABLE
-- IF NOT EXISTS with the indexes inside; columns and indexes on earlier tables go to SchemaChanges.
CREATE TABLE IF NOT EXISTS archive_import (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    file_name     VARCHAR(300) NOT NULL,
    sha256        CHAR(64)     NOT NULL,
    kind          VARCHAR(40)  NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    run_id        BIGINT,
    actor         VARCHAR(60),
    rows_read     BIGINT NOT NULL DEFAULT 0,
    imported      BIGINT NOT NULL DEFAULT 0,
    merged        BIGINT NOT NULL DEFAULT 0,
    duplicates    BIGINT NOT NULL DEFAULT 0,
    rejected      BIGINT NOT NULL DEFAULT 0,
    changed_cells BIGINT NOT NULL DEFAULT 0,
    report_path   VARCHAR(500),
    error         VARCHAR(2000),
    started_at    DATETIME(3) NOT NULL,
    ended_at      DATETIME(3),
    INDEX ix_archive_import_sha (sha256, kind, status)
);

-- Every data row of the file, normalised; status VALID, REJECTED, DUP_CODE or DUP_NAME_PHONE.
CREATE TABLE IF NOT EXISTS archive_staging (
    import_id      BIGINT       NOT NULL,
    seq            BIGINT       NOT NULL,
    sheet_name     VARCHAR(100) NOT NULL,
    row_no         INT          NOT NULL,
    status         VARCHAR(20)  NOT NULL,
    credit_code    VARCHAR(18),
    name_phone_key VARCHAR(300),
    payload        TEXT         NOT NULL,
    PRIMARY KEY (import_id, seq),
    INDEX ix_archive_staging_code (import_id, credit_code),
    INDEX ix_archive_staging_np (import_id, name_phone_key)
);

-- Lines of the error report: changed or rejected cells, rejected rows, skipped sheets.
CREATE TABLE IF NOT EXISTS archive_issue (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    import_id      BIGINT       NOT NULL,
    sheet_name     VARCHAR(100),
    row_no         INT          NOT NULL,
    column_name    VARCHAR(200),
    original_value VARCHAR(1000),
    new_value      VARCHAR(1000),
    kind           VARCHAR(20)  NOT NULL,
    reason         VARCHAR(100) NOT NULL,
    detail         VARCHAR(300),
    INDEX ix_archive_issue_import (import_id, id)
);
