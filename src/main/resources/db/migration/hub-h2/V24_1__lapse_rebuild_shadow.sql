-- The full rhythm rebuild's shadow tables on H2 (io.etlhub.lapse.RhythmRebuild): filled while the live
-- tables serve, then copied into them in one transaction. H2 has no CREATE TABLE ... LIKE; on MySQL/MariaDB
-- the rebuild makes its shadows LIKE the live tables and swaps them with one RENAME TABLE, so this file
-- exists for H2 only. The same columns and keys as lapse_visit and lapse_member (V15_1): a migration that
-- changes those changes these too. Index names are per schema on H2, hence the _next names.
-- Re-runnable (io.etlhub.connector.SchemaMigrations): CREATE TABLE IF NOT EXISTS with the indexes inside.
CREATE TABLE IF NOT EXISTS lapse_visit_next (
    card      VARCHAR(60) NOT NULL,
    visit_day DATE        NOT NULL,
    store     VARCHAR(40) NOT NULL,
    PRIMARY KEY (card, visit_day, store)
);

CREATE TABLE IF NOT EXISTS lapse_member_next (
    card       VARCHAR(60) NOT NULL PRIMARY KEY,
    tier       VARCHAR(40),
    home_store VARCHAR(40),
    first_day  DATE,
    last_day   DATE,
    visit_days INT         NOT NULL DEFAULT 0,
    updated_at DATETIME(3) NOT NULL
);
