-- Store-manager tasks and member coupons written by the lapse triggers (issue 13), mapped as
-- tables task and coupon in mappings/crm.yml. source_key is the trigger's event id: a trigger
-- written again (an event republished after a restart) leaves one task and one coupon.
CREATE TABLE IF NOT EXISTS crm_task (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    source_key  VARCHAR(200)  NOT NULL,
    member_card VARCHAR(60),
    store       VARCHAR(40),
    assignee    VARCHAR(60),
    title       VARCHAR(200)  NOT NULL,
    body        VARCHAR(2000),
    due_date    DATE,
    status      VARCHAR(20)   NOT NULL,
    created_at  DATETIME(3)   NOT NULL,
    UNIQUE INDEX ux_crm_task_source (source_key)
);

CREATE TABLE IF NOT EXISTS crm_coupon (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    source_key    VARCHAR(200)  NOT NULL,
    member_card   VARCHAR(60)   NOT NULL,
    template_code VARCHAR(40)   NOT NULL,
    title         VARCHAR(200),
    amount        DECIMAL(18,2),
    valid_from    DATE,
    valid_to      DATE,
    status        VARCHAR(20)   NOT NULL,
    created_at    DATETIME(3)   NOT NULL,
    UNIQUE INDEX ux_crm_coupon_source (source_key)
);
