-- Work tables of the full rhythm rebuild (run lapse-rebuild): members and their stores' visit counts over
-- the window, computed set-based and swapped into lapse_member in the rebuild's one transaction.
-- Re-runnable (io.etlhub.connector.SchemaMigrations): CREATE TABLE IF NOT EXISTS with the indexes inside.
CREATE TABLE IF NOT EXISTS lapse_rebuild_member (
    card       VARCHAR(60) NOT NULL PRIMARY KEY,
    first_day  DATE        NOT NULL,
    last_day   DATE        NOT NULL,
    visit_days INT         NOT NULL
);

CREATE TABLE IF NOT EXISTS lapse_rebuild_store (
    card      VARCHAR(60) NOT NULL,
    store     VARCHAR(40) NOT NULL,
    visits    INT         NOT NULL,
    last_day  DATE        NOT NULL,
    PRIMARY KEY (card, store)
);

CREATE TABLE IF NOT EXISTS lapse_rebuild_tier (
    card VARCHAR(60) NOT NULL PRIMARY KEY,
    tier VARCHAR(40)
);

CREATE TABLE IF NOT EXISTS lapse_rebuild_home (
    card  VARCHAR(60) NOT NULL PRIMARY KEY,
    store VARCHAR(40) NOT NULL
);
