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
-- Customer view (issue 12): stock, safety stock, shipments, credit line and receivables, U8's names.
-- ufts / pubufts stand in for rowversions like Ap_CloseBill's (triggers from the same sequence).
CREATE TABLE CurrentStock (
    AutoID       INT NOT NULL PRIMARY KEY,
    cWhCode      VARCHAR(10) NOT NULL,
    cInvCode     VARCHAR(60) NOT NULL,
    cBatch       VARCHAR(60),
    iQuantity    DECIMAL(28, 6),
    fOutQuantity DECIMAL(28, 6),
    fInQuantity  DECIMAL(28, 6),
    fAvaQuantity DECIMAL(28, 6),
    ufts         BIGINT NOT NULL DEFAULT 0,
    INDEX ix_CurrentStock_inv (cInvCode),
    INDEX ix_CurrentStock_ufts (ufts)
);
CREATE TABLE Inventory (
    cInvCode  VARCHAR(60) NOT NULL PRIMARY KEY,
    cInvName  VARCHAR(255),
    iSafeNum  DOUBLE,
    pubufts   BIGINT NOT NULL DEFAULT 0,
    INDEX ix_Inventory_pubufts (pubufts)
);
CREATE TABLE Customer (
    cCusCode    VARCHAR(20) NOT NULL PRIMARY KEY,
    cCusName    VARCHAR(98),
    iCusCreLine DOUBLE,
    pubufts     BIGINT NOT NULL DEFAULT 0,
    INDEX ix_Customer_pubufts (pubufts)
);
CREATE TABLE DispatchList (
    DLID     INT NOT NULL PRIMARY KEY,
    cDLCode  VARCHAR(30),
    cCusCode VARCHAR(20),
    dDate    DATETIME NOT NULL,
    ufts     BIGINT NOT NULL DEFAULT 0,
    INDEX ix_DispatchList_ufts (ufts),
    INDEX ix_DispatchList_cus (cCusCode, dDate)
);
CREATE TABLE DispatchLists (
    AutoID    INT NOT NULL PRIMARY KEY,
    DLID      INT NOT NULL,
    cInvCode  VARCHAR(60),
    iQuantity DECIMAL(28, 6),
    iNatSum   DECIMAL(28, 6),
    INDEX ix_DispatchLists_DLID (DLID)
);
CREATE TABLE Ar_Detail (
    Auto_ID    INT NOT NULL PRIMARY KEY,
    cDwCode    VARCHAR(20),
    iDAmount   DECIMAL(28, 6),
    iCAmount   DECIMAL(28, 6),
    ufts       BIGINT NOT NULL DEFAULT 0,
    INDEX ix_Ar_Detail_cus (cDwCode),
    INDEX ix_Ar_Detail_ufts (ufts)
);
CREATE TRIGGER CurrentStock_ufts_insert BEFORE INSERT ON CurrentStock FOR EACH ROW SET NEW.ufts = NEXT VALUE FOR rv_seq;
CREATE TRIGGER CurrentStock_ufts_update BEFORE UPDATE ON CurrentStock FOR EACH ROW SET NEW.ufts = NEXT VALUE FOR rv_seq;
CREATE TRIGGER Inventory_ufts_insert BEFORE INSERT ON Inventory FOR EACH ROW SET NEW.pubufts = NEXT VALUE FOR rv_seq;
CREATE TRIGGER Inventory_ufts_update BEFORE UPDATE ON Inventory FOR EACH ROW SET NEW.pubufts = NEXT VALUE FOR rv_seq;
CREATE TRIGGER Customer_ufts_insert BEFORE INSERT ON Customer FOR EACH ROW SET NEW.pubufts = NEXT VALUE FOR rv_seq;
CREATE TRIGGER Customer_ufts_update BEFORE UPDATE ON Customer FOR EACH ROW SET NEW.pubufts = NEXT VALUE FOR rv_seq;
CREATE TRIGGER DispatchList_ufts_insert BEFORE INSERT ON DispatchList FOR EACH ROW SET NEW.ufts = NEXT VALUE FOR rv_seq;
CREATE TRIGGER DispatchList_ufts_update BEFORE UPDATE ON DispatchList FOR EACH ROW SET NEW.ufts = NEXT VALUE FOR rv_seq;
CREATE TRIGGER Ar_Detail_ufts_insert BEFORE INSERT ON Ar_Detail FOR EACH ROW SET NEW.ufts = NEXT VALUE FOR rv_seq;
CREATE TRIGGER Ar_Detail_ufts_update BEFORE UPDATE ON Ar_Detail FOR EACH ROW SET NEW.ufts = NEXT VALUE FOR rv_seq;
