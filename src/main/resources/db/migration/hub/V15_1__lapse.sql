-- POS purchase rhythm and lapse triggers (issue 13, io.etlhub.lapse). Re-runnable
-- (io.etlhub.connector.SchemaMigrations): CREATE TABLE IF NOT EXISTS with the indexes inside.

-- Every captured POS sale line, as the mapping (mappings/sixun-pos.yml) reads it: amount signed
-- (a return is negative), card filled from the line or from the ticket's payment lines. The key is the
-- line's own key in the POS, so a redelivered CDC event or a re-polled line is stored once.
CREATE TABLE IF NOT EXISTS lapse_sale_line (
    pos         VARCHAR(40)   NOT NULL,
    flow_no     VARCHAR(60)   NOT NULL,
    flow_id     VARCHAR(40)   NOT NULL,
    store       VARCHAR(40)   NOT NULL,
    item        VARCHAR(60)   NOT NULL,
    category    VARCHAR(60),
    sale_day    DATE          NOT NULL,
    amount      DECIMAL(18,2) NOT NULL,
    quantity    DECIMAL(18,4) NOT NULL,
    is_return   SMALLINT      NOT NULL,
    card        VARCHAR(60),
    captured_at DATETIME(3)   NOT NULL,
    PRIMARY KEY (pos, flow_no, flow_id),
    -- covering: a member's lines by day, and the rebuild's visits (card, day, store of non-returns) in index order
    INDEX ix_lapse_sale_line_card (card, sale_day, store, is_return)
);

-- The member of a ticket, from its payment lines (t_rm_payflow.vip_no), which may arrive before or after its sale lines.
CREATE TABLE IF NOT EXISTS lapse_ticket_member (
    pos     VARCHAR(40) NOT NULL,
    flow_no VARCHAR(60) NOT NULL,
    card    VARCHAR(60) NOT NULL,
    PRIMARY KEY (pos, flow_no)
);

-- Visit days per member and store (a day with at least one sale line that is not a return).
CREATE TABLE IF NOT EXISTS lapse_visit (
    card      VARCHAR(60) NOT NULL,
    visit_day DATE        NOT NULL,
    store     VARCHAR(40) NOT NULL,
    PRIMARY KEY (card, visit_day, store),
    INDEX ix_lapse_visit_store (store, visit_day)
);

-- One row per member: tier, home (favourite) store over the window, first and last visit day.
CREATE TABLE IF NOT EXISTS lapse_member (
    card       VARCHAR(60) NOT NULL PRIMARY KEY,
    tier       VARCHAR(40),
    home_store VARCHAR(40),
    first_day  DATE,
    last_day   DATE,
    visit_days INT         NOT NULL DEFAULT 0,
    updated_at DATETIME(3) NOT NULL,
    INDEX ix_lapse_member_store (home_store, last_day),
    INDEX ix_lapse_member_last (last_day)
);

-- Fired triggers: one per member and lapse episode (the episode is named by the last visit day
-- before the silence, so a visit opens a new episode: re-armed). event_id names the notification.
CREATE TABLE IF NOT EXISTS lapse_trigger (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    card        VARCHAR(60)   NOT NULL,
    episode_day DATE          NOT NULL,
    rule_name   VARCHAR(40)   NOT NULL,
    score       DOUBLE,
    days_silent INT           NOT NULL,
    store       VARCHAR(40),
    reason_zh   VARCHAR(1000) NOT NULL,
    reason_en   VARCHAR(1000) NOT NULL,
    event_id    VARCHAR(200)  NOT NULL,
    fired_on    DATE          NOT NULL,
    fired_at    DATETIME(3)   NOT NULL,
    UNIQUE INDEX ux_lapse_trigger_episode (card, episode_day),
    INDEX ix_lapse_trigger_store (store, fired_at)
);
