package io.etlhub.demo;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes receipt documents the way U8 keeps them (Ap_CloseBill + Ap_CloseBills), for the demo, the
 * tests and the benchmark. A simulator of the vendor's tables, so it knows their column names.
 */
public class U8ReceiptWriter {
    /** A U8 customer receipt ('48') or refund ('49'); amounts in the document's currency, one per line. */
    public record Receipt(int id, String vouchType, String vouchNo, LocalDate date, String customerCode,
                          String currencyName, double exchangeRate, List<BigDecimal> lineAmounts, String memo,
                          String checkMan) {}

    private final JdbcTemplate jdbc;

    public U8ReceiptWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(List<Receipt> receipts) {
        List<Object[]> headers = new ArrayList<>();
        List<Object[]> lines = new ArrayList<>();
        for (Receipt r : receipts) {
            BigDecimal total = r.lineAmounts().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal local = local(total, r.exchangeRate());
            Timestamp date = Timestamp.valueOf(r.date().atStartOfDay());
            headers.add(new Object[] {r.id(), r.vouchType(), r.vouchNo(), date, "AR", r.customerCode(), r.currencyName(),
                    r.exchangeRate(), local, total, local, total, r.memo(), r.checkMan(), date, date});
            int line = 0;
            for (BigDecimal amount : r.lineAmounts()) {
                lines.add(new Object[] {r.id() * 10 + (++line), r.id(), local(amount, r.exchangeRate()), amount,
                        local(amount, r.exchangeRate()), amount, "1122", 1, r.customerCode()});
            }
        }
        jdbc.batchUpdate("INSERT INTO Ap_CloseBill (iID, cVouchType, cVouchID, dVouchDate, cFlag, cDwCode, cexch_name, "
                + "iExchRate, iAmount, iAmount_f, iRAmount, iRAmount_f, cDigest, cCheckMan, dcreatesystime, dmodifysystime) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", headers);
        jdbc.batchUpdate("INSERT INTO Ap_CloseBills (ID, iID, iAmt, iAmt_f, iRAmt, iRAmt_f, cKm, iType, cCusVen) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", lines);
    }

    /** An edit in U8: new line amounts (one line) and memo; the header's row version moves. */
    public void edit(int id, BigDecimal amount, String memo) {
        Double rate = jdbc.queryForObject("SELECT iExchRate FROM Ap_CloseBill WHERE iID = ?", Double.class, id);
        jdbc.update("DELETE FROM Ap_CloseBills WHERE iID = ?", id);
        jdbc.update("INSERT INTO Ap_CloseBills (ID, iID, iAmt, iAmt_f, iRAmt, iRAmt_f, cKm, iType) VALUES (?, ?, ?, ?, ?, ?, '1122', 1)",
                id * 10 + 1, id, local(amount, rate), amount, local(amount, rate), amount);
        jdbc.update("UPDATE Ap_CloseBill SET iAmount = ?, iAmount_f = ?, cDigest = ? WHERE iID = ?",
                local(amount, rate), amount, memo, id);
    }

    public void setAuditor(int id, String checkMan) {
        jdbc.update("UPDATE Ap_CloseBill SET cCheckMan = ? WHERE iID = ?", checkMan, id);
    }

    public void delete(int id) {
        jdbc.update("DELETE FROM Ap_CloseBills WHERE iID = ?", id);
        jdbc.update("DELETE FROM Ap_CloseBill WHERE iID = ?", id);
    }

    private static BigDecimal local(BigDecimal amount, double rate) {
        return amount.multiply(new BigDecimal(Double.toString(rate))).setScale(2, RoundingMode.HALF_UP);
    }
}
