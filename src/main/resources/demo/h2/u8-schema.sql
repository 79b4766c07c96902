-- Simulated Yonyou U8 receipt tables in H2 (SQL Server mode), with U8's own table and column names.
-- ufts is a row version: H2 has no rowversion type, so a domain bumps it from a sequence on every write.
CREATE SEQUENCE rv_seq START WITH 2001;
CREATE DOMAIN rowversion AS BINARY(8) DEFAULT CAST(NEXT VALUE FOR rv_seq AS BINARY(8)) ON UPDATE CAST(NEXT VALUE FOR rv_seq AS BINARY(8));
CREATE ALIAS MIN_ACTIVE_ROWVERSION FOR 'io.etlhub.demo.H2RowVersions.minActiveRowVersion';
CREATE TABLE Ap_CloseBill (
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
    ufts           rowversion NOT NULL
);
CREATE INDEX ix_Ap_CloseBill_ufts ON Ap_CloseBill (ufts);
CREATE TABLE Ap_CloseBills (
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
CREATE INDEX ix_Ap_CloseBills_iID ON Ap_CloseBills (iID);
