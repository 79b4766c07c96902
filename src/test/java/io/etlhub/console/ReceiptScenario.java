package io.etlhub.console;

import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.U8ReceiptWriter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The small CRM and U8 data the console's finance tests start from: customer C00001 with its open opportunity OPP-2026-00001. */
final class ReceiptScenario {
    private ReceiptScenario() {}

    static void customerWithOpportunity(CrmWriter crm) {
        crm.insertCustomers(List.of(new CrmWriter.Customer(1, "C00001", "苏州精密机械有限公司", "张伟")));
        crm.insertOpportunities(List.of(new CrmWriter.Opp(1, "OPP-2026-00001", 1, "成交", "张伟", "CNY",
                new BigDecimal("10000.00"), LocalDate.of(2026, 10, 2), null)));
    }

    /** A U8 receipt of customer C00001 in CNY, dated October 2026, with one line. */
    static U8ReceiptWriter.Receipt receipt(int id, int day, String amount, String memo) {
        return new U8ReceiptWriter.Receipt(id, "48", "SK" + id, LocalDate.of(2026, 10, day), "C00001", "人民币", 1.0,
                List.of(new BigDecimal(amount)), memo, "王会计");
    }
}
