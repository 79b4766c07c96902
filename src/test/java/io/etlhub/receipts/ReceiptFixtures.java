package io.etlhub.receipts;

import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.U8ReceiptWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small builders for receipt scenarios: CRM opportunities and U8 receipts, and reading the CRM back. */
final class ReceiptFixtures {
    private ReceiptFixtures() {}

    static void customers(JdbcTemplate crm, int count) {
        List<CrmWriter.Customer> list = new java.util.ArrayList<>();
        for (int i = 1; i <= count; i++) list.add(new CrmWriter.Customer(i, String.format("C%05d", i), "客户" + i, "张伟"));
        new CrmWriter(crm).insertCustomers(list);
    }

    static CrmWriter.Opp opp(long id, String stage, String currency, String signed) {
        return new CrmWriter.Opp(id, number(id), 1, stage, "张伟", currency, new BigDecimal(signed),
                LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 31));
    }

    static String number(long id) {
        return String.format("OPP-2026-%05d", id);
    }

    static U8ReceiptWriter.Receipt receipt(int id, String type, String date, String currency, double rate, String memo,
                                      String... lineAmounts) {
        return new U8ReceiptWriter.Receipt(id, type, String.format("SK%06d", id), LocalDate.parse(date), "C00001", currency,
                rate, Arrays.stream(lineAmounts).map(BigDecimal::new).toList(), memo, "王会计");
    }

    static Map<String, Object> opportunity(JdbcTemplate crm, long id) {
        return crm.queryForMap("SELECT received_amount, outstanding_amount, receipt_status, last_receipt_date FROM crm_opportunity WHERE id = ?", id);
    }

    static BigDecimal received(JdbcTemplate crm, long id) {
        return crm.queryForObject("SELECT received_amount FROM crm_opportunity WHERE id = ?", BigDecimal.class, id);
    }
}
