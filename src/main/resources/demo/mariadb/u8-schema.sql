-- U8 receipt tables on MariaDB/MySQL for tests and benchmarks, with U8's own names. ufts stands in
-- for SQL Server's rowversion: a BIGINT set from a sequence by triggers on every insert and update,
-- and MIN_ACTIVE_ROWVERSION() as U8's SQL Server has it.
CREATE SEQUENCE rv_seq START WITH 2001 NOCACHE;
CREATE TABLE Ap_CloseBill (
    iID            INT NOT NULL PRIMARY KEY,
    cVouchType     VARCHAR(10) NOT NULL,
    cVouchID       VARCHAR(30) NOT NULL,
    dVouchDate     DATETIME NOT NULL,
    cFlag          VARCHAR(2) NOT NULL,
    cDwCode        VARCHAR(20),
    cexch_name     VARCHAR(8),
    iExchRate      DOUBLE,
    iAmount        DECIMAL(19, 4),
    iAmount_f      DECIMAL(19, 4),
    iRAmount       DECIMAL(19, 4),
    iRAmount_f     DECIMAL(19, 4),
    cDigest        VARCHAR(120),
    cCheckMan      VARCHAR(20),
    cCode          VARCHAR(30),
    cPzID          VARCHAR(30),
    bPrePay        TINYINT,
    dcreatesystime DATETIME,
    dmodifysystime DATETIME,
    ufts           BIGINT NOT NULL DEFAULT 0,
    INDEX ix_Ap_CloseBill_ufts (ufts)
);
CREATE TABLE Ap_CloseBills (
    ID        INT NOT NULL PRIMARY KEY,
    iID       INT NOT NULL,
    iAmt      DECIMAL(19, 4),
    iAmt_f    DECIMAL(19, 4),
    iRAmt     DECIMAL(19, 4),
    iRAmt_f   DECIMAL(19, 4),
    cKm       VARCHAR(40),
    iType     INT,
    cCusVen   VARCHAR(20),
    cXm       VARCHAR(20),
    cItemName VARCHAR(60),
    INDEX ix_Ap_CloseBills_iID (iID)
);
CREATE TRIGGER Ap_CloseBill_ufts_insert BEFORE INSERT ON Ap_CloseBill FOR EACH ROW SET NEW.ufts = NEXT VALUE FOR rv_seq;
CREATE TRIGGER Ap_CloseBill_ufts_update BEFORE UPDATE ON Ap_CloseBill FOR EACH ROW SET NEW.ufts = NEXT VALUE FOR rv_seq;
CREATE FUNCTION MIN_ACTIVE_ROWVERSION() RETURNS BIGINT NOT DETERMINISTIC READS SQL DATA RETURN (SELECT next_not_cached_value FROM rv_seq);
