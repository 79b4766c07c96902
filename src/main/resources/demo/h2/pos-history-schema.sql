-- The demo POS's members and the ground truth of its simulated history (io.etlhub.demo.DemoPosHistory):
-- Sixun's member table, and each member's drawn purchase rate, dropout probability and dropout day, which
-- the lapse backtest (run lapse-backtest) reads to say which members had really left. Idempotent.
CREATE TABLE IF NOT EXISTS t_rm_vip_info (
    card_id     BIGINT AUTO_INCREMENT PRIMARY KEY,
    card_no     VARCHAR(20) NOT NULL UNIQUE,
    card_type   VARCHAR(10) NOT NULL,
    vip_name    VARCHAR(40),
    branch_no   VARCHAR(6),
    card_status CHAR(1)     NOT NULL
);
CREATE TABLE IF NOT EXISTS demo_member_truth (
    card_no             VARCHAR(20) NOT NULL PRIMARY KEY,
    tier                VARCHAR(10) NOT NULL,
    home_branch         VARCHAR(6)  NOT NULL,
    first_day           DATE        NOT NULL,
    dropout_day         DATE,
    rate_per_day        DOUBLE      NOT NULL,
    dropout_probability DOUBLE      NOT NULL
);
