-- Simulated Kingdee K3 Cloud receipt bill tables in H2 (SQL Server mode), with K3's own names.
-- Idempotent (IF NOT EXISTS): the demo runs it at every start on its persistent H2 files.
-- FREMARK is 2000 wide here so the long-memo cases fit (its real width varies by K3 version).
CREATE TABLE IF NOT EXISTS T_BD_CUSTOMER (FCUSTID int NOT NULL PRIMARY KEY, FNUMBER nvarchar(30) NOT NULL);
CREATE TABLE IF NOT EXISTS T_BD_CUSTOMER_L (FPKID int NOT NULL PRIMARY KEY, FCUSTID int NOT NULL, FLOCALEID int NOT NULL, FNAME nvarchar(255));
CREATE TABLE IF NOT EXISTS T_BD_CURRENCY (FCURRENCYID int NOT NULL PRIMARY KEY, FCODE nvarchar(30) NOT NULL);
CREATE TABLE IF NOT EXISTS T_AR_RECEIVEBILL (
    FID              int NOT NULL PRIMARY KEY,
    FBILLNO          nvarchar(30) NOT NULL,
    FDATE            datetime NOT NULL,
    FCONTACTUNITTYPE nvarchar(36),
    FCONTACTUNIT     int,
    FPAYUNITTYPE     nvarchar(36),
    FPAYUNIT         int,
    FCURRENCYID      int,
    FPAYORGID        int,
    FDOCUMENTSTATUS  char(1) NOT NULL,
    FEXCHANGERATE    decimal(23, 10),
    FREMARK          nvarchar(2000),
    FCREATEDATE      datetime,
    FMODIFYDATE      datetime NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_T_AR_RECEIVEBILL_modify ON T_AR_RECEIVEBILL (FMODIFYDATE, FID);
CREATE TABLE IF NOT EXISTS T_AR_RECEIVEBILLENTRY (
    FENTRYID           int NOT NULL PRIMARY KEY,
    FID                int NOT NULL,
    FSETTLETYPEID      int,
    FPURPOSEID         int,
    FRECTOTALAMOUNTFOR decimal(23, 10),
    FRECAMOUNTFOR_E    decimal(23, 10),
    FACCOUNTID         int
);
CREATE INDEX IF NOT EXISTS ix_T_AR_RECEIVEBILLENTRY_FID ON T_AR_RECEIVEBILLENTRY (FID);
