package io.etlhub.demo;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/**
 * Writes the customer-view source rows the way U8, K3 Cloud and ktg-mes keep them (their own table and
 * column names), for the demo, the tests and the benchmark. Each method takes rows in the order of its
 * SQL's columns and writes them in batches.
 */
public final class CustomerViewSourceWriter {
    private static final int BATCH = 2000;
    private final JdbcTemplate jdbc;

    public CustomerViewSourceWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** U8 CurrentStock: AutoID, cWhCode, cInvCode, iQuantity, fOutQuantity, fAvaQuantity. */
    public void u8Stock(List<Object[]> rows) {
        write("INSERT INTO CurrentStock (AutoID, cWhCode, cInvCode, iQuantity, fOutQuantity, fAvaQuantity) VALUES (?, ?, ?, ?, ?, ?)", rows);
    }

    /** U8 Inventory: cInvCode, cInvName, iSafeNum. */
    public void u8Inventory(List<Object[]> rows) {
        write("INSERT INTO Inventory (cInvCode, cInvName, iSafeNum) VALUES (?, ?, ?)", rows);
    }

    /** U8 Customer: cCusCode, cCusName, iCusCreLine. */
    public void u8Customers(List<Object[]> rows) {
        write("INSERT INTO Customer (cCusCode, cCusName, iCusCreLine) VALUES (?, ?, ?)", rows);
    }

    /** U8 DispatchList: DLID, cDLCode, cCusCode, dDate (Timestamp). */
    public void u8Dispatches(List<Object[]> rows) {
        write("INSERT INTO DispatchList (DLID, cDLCode, cCusCode, dDate) VALUES (?, ?, ?, ?)", rows);
    }

    /** U8 DispatchLists: AutoID, DLID, cInvCode, iQuantity, iNatSum. */
    public void u8DispatchLines(List<Object[]> rows) {
        write("INSERT INTO DispatchLists (AutoID, DLID, cInvCode, iQuantity, iNatSum) VALUES (?, ?, ?, ?, ?)", rows);
    }

    /** U8 Ar_Detail: Auto_ID, cDwCode, iDAmount (debit), iCAmount (credit). */
    public void u8Receivables(List<Object[]> rows) {
        write("INSERT INTO Ar_Detail (Auto_ID, cDwCode, iDAmount, iCAmount) VALUES (?, ?, ?, ?)", rows);
    }

    /** K3 T_BD_MATERIAL: FMATERIALID, FNUMBER, FMODIFYDATE. */
    public void k3Materials(List<Object[]> rows) {
        write("INSERT INTO T_BD_MATERIAL (FMATERIALID, FNUMBER, FMODIFYDATE) VALUES (?, ?, ?)", rows);
    }

    /** K3 T_BD_MATERIALSTOCK: FENTRYID, FMATERIALID, FSAFESTOCK. */
    public void k3SafetyStock(List<Object[]> rows) {
        write("INSERT INTO T_BD_MATERIALSTOCK (FENTRYID, FMATERIALID, FSAFESTOCK) VALUES (?, ?, ?)", rows);
    }

    /** K3 T_STK_INVENTORY: FID, FMATERIALID, FSTOCKID, FBASEQTY, FBASELOCKQTY, FUPDATETIME. */
    public void k3Inventory(List<Object[]> rows) {
        write("INSERT INTO T_STK_INVENTORY (FID, FMATERIALID, FSTOCKID, FBASEQTY, FBASELOCKQTY, FUPDATETIME) VALUES (?, ?, ?, ?, ?, ?)", rows);
    }

    /** K3 T_SAL_OUTSTOCK: FID, FBILLNO, FDATE, FCUSTOMERID, FMODIFYDATE. */
    public void k3OutStocks(List<Object[]> rows) {
        write("INSERT INTO T_SAL_OUTSTOCK (FID, FBILLNO, FDATE, FCUSTOMERID, FMODIFYDATE) VALUES (?, ?, ?, ?, ?)", rows);
    }

    /** K3 T_SAL_OUTSTOCKENTRY: FENTRYID, FID, FMATERIALID, FREALQTY, FALLAMOUNT. */
    public void k3OutStockLines(List<Object[]> rows) {
        write("INSERT INTO T_SAL_OUTSTOCKENTRY (FENTRYID, FID, FMATERIALID, FREALQTY, FALLAMOUNT) VALUES (?, ?, ?, ?, ?)", rows);
    }

    /** K3 T_CRE_CUSTARCHIVESENTRY: FENTRYID, FOBJECTID (customer FCUSTID), FCREDITAMOUNT, FMODIFYDATE. */
    public void k3Credit(List<Object[]> rows) {
        write("INSERT INTO T_CRE_CUSTARCHIVESENTRY (FENTRYID, FOBJECTID, FCREDITAMOUNT, FMODIFYDATE) VALUES (?, ?, ?, ?)", rows);
    }

    /** K3 T_AR_RECEIVABLE: FID, FBILLNO, FCUSTOMERID, FWRITTENOFFSTATUS, FMODIFYDATE. */
    public void k3Receivables(List<Object[]> rows) {
        write("INSERT INTO T_AR_RECEIVABLE (FID, FBILLNO, FCUSTOMERID, FWRITTENOFFSTATUS, FMODIFYDATE) VALUES (?, ?, ?, ?, ?)", rows);
    }

    /** K3 T_AR_RECEIVABLEENTRY: FENTRYID, FID, FALLAMOUNT, FRECEIVEAMOUNT. */
    public void k3ReceivableLines(List<Object[]> rows) {
        write("INSERT INTO T_AR_RECEIVABLEENTRY (FENTRYID, FID, FALLAMOUNT, FRECEIVEAMOUNT) VALUES (?, ?, ?, ?)", rows);
    }

    /** ktg-mes md_workstation: workstation_id, workstation_code, workstation_name, update_time. */
    public void mesWorkstations(List<Object[]> rows) {
        write("INSERT INTO md_workstation (workstation_id, workstation_code, workstation_name, update_time) VALUES (?, ?, ?, ?)", rows);
    }

    /** ktg-mes cal_shift: shift_id, shift_name, start_time (HH:mm), end_time, update_time. */
    public void mesShifts(List<Object[]> rows) {
        write("INSERT INTO cal_shift (shift_id, shift_name, start_time, end_time, update_time) VALUES (?, ?, ?, ?, ?)", rows);
    }

    /** ktg-mes cal_holiday: holiday_id, the_day, holiday_type (HOLIDAY / WORKDAY), update_time. */
    public void mesHolidays(List<Object[]> rows) {
        write("INSERT INTO cal_holiday (holiday_id, the_day, holiday_type, update_time) VALUES (?, ?, ?, ?)", rows);
    }

    /** ktg-mes pro_workorder: workorder_id, workorder_code, client_code, order_source_code, product_code, quantity, request_date, status, update_time. */
    public void mesWorkOrders(List<Object[]> rows) {
        write("INSERT INTO pro_workorder (workorder_id, workorder_code, client_code, order_source_code, product_code, quantity, "
                + "request_date, status, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    /** ktg-mes pro_task: task_id, workorder_id, workstation_code, start_time, end_time, quantity, update_time. */
    public void mesTasks(List<Object[]> rows) {
        write("INSERT INTO pro_task (task_id, workorder_id, workstation_code, start_time, end_time, quantity, update_time) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", rows);
    }

    private void write(String sql, List<Object[]> rows) {
        for (int i = 0; i < rows.size(); i += BATCH) jdbc.batchUpdate(sql, rows.subList(i, Math.min(rows.size(), i + BATCH)));
    }
}
