-- Fitted lapse models (issue 13, io.etlhub.lapse.rules, docs/lapse-rules.md): the BG/NBD and MBG/NBD
-- parameters per tier or home store, replaced by each fit (etlhub:lapse-fit). Time unit: days.
-- Re-runnable (CREATE TABLE IF NOT EXISTS).
CREATE TABLE IF NOT EXISTS lapse_model (
    model          VARCHAR(10)  NOT NULL,
    scope          VARCHAR(10)  NOT NULL,
    scope_key      VARCHAR(60)  NOT NULL,
    r              DOUBLE       NOT NULL,
    alpha          DOUBLE       NOT NULL,
    a              DOUBLE       NOT NULL,
    b              DOUBLE       NOT NULL,
    members        BIGINT       NOT NULL,
    log_likelihood DOUBLE       NOT NULL,
    history_until  DATE         NOT NULL,
    fit_millis     BIGINT       NOT NULL,
    fitted_at      DATETIME(3)  NOT NULL,
    PRIMARY KEY (model, scope, scope_key)
);
