-- Customer view (issue 12): the last good figures read from each source connector, per figure of
-- mappings/<source>-customer-view.yml, and each figure's refresh state (as-of time, watermark, last
-- failure). A source that is down leaves its rows as they were: the view marks them stale with their age.
-- Re-runnable (CREATE TABLE IF NOT EXISTS with the indexes inside).
CREATE TABLE IF NOT EXISTS cv_stock (
    connector  VARCHAR(60) NOT NULL,
    item_code  VARCHAR(100) NOT NULL,
    available  DECIMAL(28, 6),
    PRIMARY KEY (connector, item_code)
);
CREATE TABLE IF NOT EXISTS cv_safety_stock (
    connector  VARCHAR(60) NOT NULL,
    item_code  VARCHAR(100) NOT NULL,
    safety     DECIMAL(28, 6),
    PRIMARY KEY (connector, item_code)
);
CREATE TABLE IF NOT EXISTS cv_shipments (
    connector     VARCHAR(60) NOT NULL,
    customer_code VARCHAR(60) NOT NULL,
    item_code     VARCHAR(100) NOT NULL,
    quantity      DECIMAL(28, 6),
    amount        DECIMAL(28, 6),
    PRIMARY KEY (connector, customer_code, item_code),
    INDEX ix_cv_shipments_item (connector, item_code)
);
CREATE TABLE IF NOT EXISTS cv_credit (
    connector     VARCHAR(60) NOT NULL,
    customer_code VARCHAR(60) NOT NULL,
    credit_line   DECIMAL(28, 6),
    PRIMARY KEY (connector, customer_code)
);
CREATE TABLE IF NOT EXISTS cv_receivables (
    connector     VARCHAR(60) NOT NULL,
    customer_code VARCHAR(60) NOT NULL,
    balance       DECIMAL(28, 6),
    PRIMARY KEY (connector, customer_code)
);
CREATE TABLE IF NOT EXISTS cv_work_orders (
    connector     VARCHAR(60) NOT NULL,
    order_id      VARCHAR(100) NOT NULL,
    customer_code VARCHAR(60),
    customer_ref  VARCHAR(100),
    item_code     VARCHAR(100),
    line_code     VARCHAR(100),
    planned_start DATETIME(3),
    planned_end   DATETIME(3),
    quantity      DECIMAL(28, 6),
    state         VARCHAR(40),
    promised_date DATE,
    PRIMARY KEY (connector, order_id),
    INDEX ix_cv_work_orders_customer (connector, customer_code)
);
CREATE TABLE IF NOT EXISTS cv_line_shifts (
    connector  VARCHAR(60) NOT NULL,
    line_code  VARCHAR(100) NOT NULL,
    shift_name VARCHAR(100) NOT NULL,
    start_time VARCHAR(8),
    end_time   VARCHAR(8),
    PRIMARY KEY (connector, line_code, shift_name)
);
CREATE TABLE IF NOT EXISTS cv_holidays (
    connector    VARCHAR(60) NOT NULL,
    holiday_date DATE NOT NULL,
    PRIMARY KEY (connector, holiday_date)
);
CREATE TABLE IF NOT EXISTS cv_source_state (
    connector  VARCHAR(60) NOT NULL,
    figure     VARCHAR(40) NOT NULL,
    source_system VARCHAR(20),
    as_of      DATETIME(3),
    watermark  VARCHAR(100),
    full_at    DATETIME(3),
    failed_at  DATETIME(3),
    error      VARCHAR(1000),
    PRIMARY KEY (connector, figure)
);
