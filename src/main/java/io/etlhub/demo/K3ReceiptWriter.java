package io.etlhub.demo;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes receipt bills the way K3 Cloud keeps them (T_AR_RECEIVEBILL + T_AR_RECEIVEBILLENTRY, with
 * customers and currencies in T_BD_CUSTOMER and T_BD_CURRENCY), for the demo and the tests.
 */
public class K3ReceiptWriter {
    public record Bill(int id, String billNo, LocalDate date, String customerNumber, String currencyCode,
                       BigDecimal exchangeRate, List<BigDecimal> entryAmounts, String remark, String status,
                       LocalDateTime modified) {}

    /** Currency ids as K3 numbers them (FCURRENCYID -> FCODE). */
    public static final Map<String, Integer> CURRENCY_IDS = Map.of("PRE001", 1, "PRE002", 2, "PRE003", 3, "PRE007", 7);

    private final JdbcTemplate jdbc;

    public K3ReceiptWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insertReferenceData(List<String> customerNumbers) {
        List<Object[]> currencies = new ArrayList<>();
        CURRENCY_IDS.forEach((code, id) -> currencies.add(new Object[] {id, code}));
        jdbc.batchUpdate("INSERT INTO T_BD_CURRENCY (FCURRENCYID, FCODE) VALUES (?, ?)", currencies);
        List<Object[]> customers = new ArrayList<>();
        for (int i = 0; i < customerNumbers.size(); i++) customers.add(new Object[] {100000 + i, customerNumbers.get(i)});
        jdbc.batchUpdate("INSERT INTO T_BD_CUSTOMER (FCUSTID, FNUMBER) VALUES (?, ?)", customers);
    }

    public void insert(List<Bill> bills) {
        List<Object[]> headers = new ArrayList<>();
        List<Object[]> entries = new ArrayList<>();
        for (Bill b : bills) {
            Integer customer = jdbc.queryForObject("SELECT FCUSTID FROM T_BD_CUSTOMER WHERE FNUMBER = ?", Integer.class, b.customerNumber());
            headers.add(new Object[] {b.id(), b.billNo(), Timestamp.valueOf(b.date().atStartOfDay()), "BD_Customer", customer,
                    "BD_Customer", customer, CURRENCY_IDS.get(b.currencyCode()), 1, b.status(), b.exchangeRate(), b.remark(),
                    Timestamp.valueOf(b.modified()), Timestamp.valueOf(b.modified())});
            int entry = 0;
            for (BigDecimal amount : b.entryAmounts()) {
                entries.add(new Object[] {b.id() * 10 + (++entry), b.id(), 1, 1, amount, amount});
            }
        }
        jdbc.batchUpdate("INSERT INTO T_AR_RECEIVEBILL (FID, FBILLNO, FDATE, FCONTACTUNITTYPE, FCONTACTUNIT, FPAYUNITTYPE, "
                + "FPAYUNIT, FCURRENCYID, FPAYORGID, FDOCUMENTSTATUS, FEXCHANGERATE, FREMARK, FCREATEDATE, FMODIFYDATE) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", headers);
        jdbc.batchUpdate("INSERT INTO T_AR_RECEIVEBILLENTRY (FENTRYID, FID, FSETTLETYPEID, FPURPOSEID, FRECTOTALAMOUNTFOR, "
                + "FRECAMOUNTFOR_E) VALUES (?, ?, ?, ?, ?, ?)", entries);
    }

    public void edit(int id, BigDecimal amount, String remark, LocalDateTime modified) {
        jdbc.update("DELETE FROM T_AR_RECEIVEBILLENTRY WHERE FID = ?", id);
        jdbc.update("INSERT INTO T_AR_RECEIVEBILLENTRY (FENTRYID, FID, FSETTLETYPEID, FPURPOSEID, FRECTOTALAMOUNTFOR, "
                + "FRECAMOUNTFOR_E) VALUES (?, ?, 1, 1, ?, ?)", id * 10 + 1, id, amount, amount);
        jdbc.update("UPDATE T_AR_RECEIVEBILL SET FREMARK = ?, FMODIFYDATE = ? WHERE FID = ?", remark, Timestamp.valueOf(modified), id);
    }

    public void setStatus(int id, String status, LocalDateTime modified) {
        jdbc.update("UPDATE T_AR_RECEIVEBILL SET FDOCUMENTSTATUS = ?, FMODIFYDATE = ? WHERE FID = ?", status, Timestamp.valueOf(modified), id);
    }

    public void delete(int id) {
        jdbc.update("DELETE FROM T_AR_RECEIVEBILLENTRY WHERE FID = ?", id);
        jdbc.update("DELETE FROM T_AR_RECEIVEBILL WHERE FID = ?", id);
    }
}
