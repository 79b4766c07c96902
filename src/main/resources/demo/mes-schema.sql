-- A ktg-mes shaped MES database (MySQL; the same script serves H2 in MySQL mode) for the customer view (issue 12), with ktg-mes's table and column
-- names (shared reference erp-schemas.md): work orders, their scheduled tasks per workstation (the line),
-- workstations, shifts and holidays. Idempotent: the demo runs it on every start.
CREATE TABLE IF NOT EXISTS pro_workorder (
    workorder_id      BIGINT NOT NULL PRIMARY KEY,
    workorder_code    VARCHAR(64) NOT NULL,
    client_code       VARCHAR(64),
    order_source_code VARCHAR(64),
    product_code      VARCHAR(64),
    quantity          DECIMAL(14, 2),
    request_date      DATETIME,
    status            VARCHAR(64),
    update_time       DATETIME NOT NULL
);
CREATE TABLE IF NOT EXISTS pro_task (
    task_id          BIGINT NOT NULL PRIMARY KEY,
    workorder_id     BIGINT NOT NULL,
    workstation_code VARCHAR(64),
    start_time       DATETIME,
    end_time         DATETIME,
    quantity         DECIMAL(14, 2),
    update_time      DATETIME NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_pro_task_update ON pro_task (update_time);
CREATE TABLE IF NOT EXISTS md_workstation (
    workstation_id   BIGINT NOT NULL PRIMARY KEY,
    workstation_code VARCHAR(64) NOT NULL,
    workstation_name VARCHAR(255),
    update_time      DATETIME NOT NULL
);
CREATE TABLE IF NOT EXISTS cal_shift (
    shift_id    BIGINT NOT NULL PRIMARY KEY,
    shift_name  VARCHAR(64) NOT NULL,
    start_time  VARCHAR(10) NOT NULL,
    end_time    VARCHAR(10) NOT NULL,
    update_time DATETIME NOT NULL
);
CREATE TABLE IF NOT EXISTS cal_holiday (
    holiday_id   BIGINT NOT NULL PRIMARY KEY,
    the_day      DATETIME NOT NULL,
    holiday_type VARCHAR(20) NOT NULL,
    update_time  DATETIME NOT NULL
);
