-- Simulated Sixun-style POS tables in H2 (MySQL mode), with Sixun's own names (mappings/sixun-pos.yml):
-- the embedded stand-in of connectors/pos.yml that the polling route pos-lapse-poll reads. Idempotent
-- (IF NOT EXISTS): run at every start while the pos connector is the embedded H2 file.
CREATE TABLE IF NOT EXISTS t_rm_saleflow (
    com_no     BIGINT AUTO_INCREMENT PRIMARY KEY,
    flow_no    VARCHAR(20)    NOT NULL,
    flow_id    INT            NOT NULL,
    branch_no  VARCHAR(6)     NOT NULL,
    item_no    VARCHAR(20)    NOT NULL,
    item_clsno VARCHAR(10),
    sale_price DECIMAL(12, 2),
    sale_qnty  DECIMAL(12, 3) NOT NULL,
    sale_money DECIMAL(12, 2) NOT NULL,
    sell_way   CHAR(1)        NOT NULL,
    oper_id    VARCHAR(10),
    oper_date  DATETIME       NOT NULL,
    UNIQUE (flow_no, flow_id)
);
CREATE TABLE IF NOT EXISTS t_rm_payflow (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    flow_no    VARCHAR(20)    NOT NULL,
    pay_way    VARCHAR(4),
    pay_amount DECIMAL(12, 2),
    vip_no     VARCHAR(20),
    sell_way   CHAR(1),
    branch_no  VARCHAR(6),
    oper_date  DATETIME       NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_t_rm_payflow_flow ON t_rm_payflow (flow_no);
CREATE TABLE IF NOT EXISTS t_im_branch_stock (
    branch_no VARCHAR(6)     NOT NULL,
    item_no   VARCHAR(20)    NOT NULL,
    stock_qty DECIMAL(12, 3) NOT NULL,
    PRIMARY KEY (branch_no, item_no)
);
-- Members (会员资料): the tier (card_type) per card, which the daily lapse evaluation and the backtest read.
CREATE TABLE IF NOT EXISTS t_rm_vip_info (
    card_id     BIGINT AUTO_INCREMENT PRIMARY KEY,
    card_no     VARCHAR(20) NOT NULL UNIQUE,
    card_type   VARCHAR(10) NOT NULL,
    vip_name    VARCHAR(40),
    branch_no   VARCHAR(6),
    card_status CHAR(1)     NOT NULL
);
