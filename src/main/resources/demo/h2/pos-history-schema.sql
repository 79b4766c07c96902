-- The ground truth of the demo POS's simulated history (io.etlhub.demo.DemoPosHistory; its members are in
-- Sixun's t_rm_vip_info, created by pos-schema.sql): each member's drawn purchase rate, dropout probability
-- and dropout day, which the lapse backtest (run lapse-backtest) reads to say which members had really left. Idempotent.
CREATE TABLE IF NOT EXISTS demo_member_truth (
    card_no             VARCHAR(20) NOT NULL PRIMARY KEY,
    tier                VARCHAR(10) NOT NULL,
    home_branch         VARCHAR(6)  NOT NULL,
    first_day           DATE        NOT NULL,
    dropout_day         DATE,
    rate_per_day        DOUBLE      NOT NULL,
    dropout_probability DOUBLE      NOT NULL
);
