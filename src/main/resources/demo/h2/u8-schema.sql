-- Simulated Yonyou U8 receipt tables in H2 (SQL Server mode), with U8's own table and column names.
-- Idempotent (IF NOT EXISTS): the demo runs it at every start on its persistent H2 files.
-- ufts is a row version: H2 has no rowversion type, so its default bumps it from a sequence on every write
-- (a column default, not a domain: H2 reopens a file's domains before its sequences).
CREATE SEQUENCE IF NOT EXISTS rv_seq START WITH 2001;
CREATE ALIAS IF NOT EXISTS MIN_ACTIVE_ROWVERSION FOR 'io.etlhub.demo.H2RowVersions.minActiveRowVersion';
CREATE TABLE IF NOT EXISTS Ap_CloseBill (
    iID            int NOT NULL PRIMARY KEY,
    cVouchType     nvarchar(10) NOT NULL,
    cVouchID       nvarchar(30) NOT NULL,
    dVouchDate     datetime NOT NULL,
    cFlag          nvarchar(2) NOT NULL,
    cDwCode        nvarchar(20),
    cexch_name     nvarchar(8),
    iExchRate      float,
    iAmount        money,
    iAmount_f      money,
    iRAmount       money,
    iRAmount_f     money,
    cDigest        nvarchar(120),
    cCheckMan      nvarchar(20),
    cCode          nvarchar(30),
    cPzID          nvarchar(30),
    bPrePay        bit,
    dcreatesystime datetime,
    dmodifysystime datetime,
    ufts           BINARY(8) DEFAULT CAST(NEXT VALUE FOR rv_seq AS BINARY(8)) ON UPDATE CAST(NEXT VALUE FOR rv_seq AS BINARY(8)) NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_Ap_CloseBill_ufts ON Ap_CloseBill (ufts);
CREATE TABLE IF NOT EXISTS Ap_CloseBills (
    ID        int NOT NULL PRIMARY KEY,
    iID       int NOT NULL,
    iAmt      money,
    iAmt_f    money,
    iRAmt     money,
    iRAmt_f   money,
    cKm       nvarchar(40),
    iType     int,
    cCusVen   nvarchar(20),
    cXm       nvarchar(20),
    cItemName nvarchar(60)
);
CREATE INDEX IF NOT EXISTS ix_Ap_CloseBills_iID ON Ap_CloseBills (iID);
-- Customer view (issue 12): stock, safety stock, shipments, credit line and receivables, U8's names.
CREATE TABLE IF NOT EXISTS CurrentStock (
    AutoID       int NOT NULL PRIMARY KEY,
    cWhCode      nvarchar(10) NOT NULL,
    cInvCode     nvarchar(60) NOT NULL,
    cBatch       nvarchar(60),
    iQuantity    decimal(28, 6),
    fOutQuantity decimal(28, 6),
    fInQuantity  decimal(28, 6),
    fAvaQuantity decimal(28, 6),
    ufts         BINARY(8) DEFAULT CAST(NEXT VALUE FOR rv_seq AS BINARY(8)) ON UPDATE CAST(NEXT VALUE FOR rv_seq AS BINARY(8)) NOT NULL
);
CREATE TABLE IF NOT EXISTS Inventory (
    cInvCode nvarchar(60) NOT NULL PRIMARY KEY,
    cInvName nvarchar(255),
    iSafeNum float,
    pubufts  BINARY(8) DEFAULT CAST(NEXT VALUE FOR rv_seq AS BINARY(8)) ON UPDATE CAST(NEXT VALUE FOR rv_seq AS BINARY(8)) NOT NULL
);
CREATE TABLE IF NOT EXISTS Customer (
    cCusCode    nvarchar(20) NOT NULL PRIMARY KEY,
    cCusName    nvarchar(98),
    iCusCreLine float,
    pubufts     BINARY(8) DEFAULT CAST(NEXT VALUE FOR rv_seq AS BINARY(8)) ON UPDATE CAST(NEXT VALUE FOR rv_seq AS BINARY(8)) NOT NULL
);
CREATE TABLE IF NOT EXISTS DispatchList (
    DLID     int NOT NULL PRIMARY KEY,
    cDLCode  nvarchar(30),
    cCusCode nvarchar(20),
    dDate    datetime NOT NULL,
    ufts     BINARY(8) DEFAULT CAST(NEXT VALUE FOR rv_seq AS BINARY(8)) ON UPDATE CAST(NEXT VALUE FOR rv_seq AS BINARY(8)) NOT NULL
);
CREATE TABLE IF NOT EXISTS DispatchLists (
    AutoID    int NOT NULL PRIMARY KEY,
    DLID      int NOT NULL,
    cInvCode  nvarchar(60),
    iQuantity decimal(28, 6),
    iNatSum   decimal(28, 6)
);
CREATE TABLE IF NOT EXISTS Ar_Detail (
    Auto_ID  int NOT NULL PRIMARY KEY,
    cDwCode  nvarchar(20),
    iDAmount decimal(28, 6),
    iCAmount decimal(28, 6),
    ufts     BINARY(8) DEFAULT CAST(NEXT VALUE FOR rv_seq AS BINARY(8)) ON UPDATE CAST(NEXT VALUE FOR rv_seq AS BINARY(8)) NOT NULL
);
