-- Yonyou U8 sample account database with U8's receipt tables (收款单), names as in U8.
IF DB_ID('UFDATA_001_2026') IS NULL CREATE DATABASE UFDATA_001_2026 COLLATE Chinese_PRC_CI_AS;
GO
USE UFDATA_001_2026;
GO
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
GO
-- Two sample receipts: one naming an opportunity in its memo, one without (goes to the unmatched queue).
INSERT INTO Ap_CloseBill (iID, cVouchType, cVouchID, dVouchDate, cFlag, cDwCode, cexch_name, iExchRate, iAmount, iAmount_f,
                          cDigest, cCheckMan, dcreatesystime, dmodifysystime)
VALUES (1, N'48', N'SK2026000001', '2026-10-08', N'AR', N'C0001', N'人民币', 1, 50000, 50000, N'商机号：OPP-2026-00001 首付款', N'demo', GETDATE(), GETDATE()),
       (2, N'48', N'SK2026000002', '2026-10-09', N'AR', N'C0002', N'人民币', 1, 12000, 12000, N'货款', N'demo', GETDATE(), GETDATE());
INSERT INTO Ap_CloseBills (ID, iID, iAmt, iAmt_f, cCusVen) VALUES (1, 1, 50000, 50000, N'C0001'), (2, 2, 12000, 12000, N'C0002');
GO
