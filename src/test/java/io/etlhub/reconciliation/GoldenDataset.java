package io.etlhub.reconciliation;

import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.K3ReceiptWriter;
import io.etlhub.demo.U8ReceiptWriter;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.Trigger;
import io.etlhub.receipts.UnmatchedReceipts;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden reconciliation dataset for October 2026: every reason of {@link Reason} at least once.
 * CRM opportunities, U8 and K3 receipts run through the real receipts routes, then edits in U8, a
 * dismissal by finance and hand edits in the CRM.
 *
 * <pre>
 * Customers: C00001 (id 1), C00002 (id 2); C99999 exists only in the ERP.
 * Opportunities      cust stage cur  signed     won         planned
 *   OPP-2026-00001   1    成交  CNY  100000.00  2026-10-08  2026-10-31
 *   OPP-2026-00002   1    成交  USD   20000.00  2026-09-01  -
 *   OPP-2026-00003   1    输单  CNY   50000.00  -           -
 *   OPP-2026-00004   1    谈判  CNY   30000.00  -           -
 *   OPP-2026-00005   2    成交  CNY    8000.00  2026-09-15  2026-10-20
 *   OPP-2026-00006   2    成交  CNY    5000.00  2026-10-02  -
 *   OPP-2026-00007   2    成交  CNY   12000.00  2026-09-10  2026-10-15
 *   OPP-2026-00008   1    成交  CNY    6000.00  2026-09-10  2026-10-15
 *   OPP-2026-00009   1    成交  CNY    4000.00  2026-09-10  2026-10-15
 * U8 receipts (all audited):
 *   1  10-05 C00001 人民币 1       30000.00  OPP-00001
 *   2  10-06 C00001 美元   7.1234    333.33  OPP-00002  (local 333.33 x 7.1234 = 2374.442922 -> 2374.44)
 *   3  10-20 C00001 人民币 1        -300.00  OPP-00001  (red receipt)
 *   4  10-07 C00001 人民币 1        2000.00  OPP-00004  (opportunity not won)
 *   5  10-10 C00002 人民币 1        3000.00  OPP-00005  (the CRM is then edited by hand to 3500.00)
 *   6  11-03 C00001 人民币 1        1000.00  OPP-00001  (November: the CRM counts it, October does not)
 *   7  10-12 C00001 人民币 1        5000.00  OPP-00001  (then edited in U8 to 4500.00: DELTA -500.00)
 *   8  10-13 C00001 人民币 1         800.00  OPP-00001  (then deleted in U8: REVERSE -800.00)
 *  11  10-15 C00002 人民币 1       12000.00  no number  (suggestion: OPP-00007, 1:1)
 *  12  10-15 C00001 人民币 1       10000.00  no number  (suggestion: OPP-00008 + OPP-00009 = 6000 + 4000, split)
 *  13  10-16 C00001 人民币 1         700.00  OPP-00003  (输单: OPPORTUNITY_CLOSED)
 *  14  10-16 C99999 人民币 1         900.00  no number  (customer not in the CRM)
 *  15  10-17 C00001 人民币 1         250.00  no number  (dismissed by finance)
 *  16  10-19 C00001 美元   0         500.00  OPP-00002  (exchange rate 0: an invalid document, USD 500.00 in its own bucket)
 * K3 receipt:
 *  21  10-18 C00001 PRE001 1       1500.00  OPP-00001
 * CRM hand edits after the runs: OPP-00005 received 3500.00 / outstanding 4500.00;
 *   OPP-00006 received 5000.00 / outstanding 0.00 / 已回款 (no receipt behind it).
 * </pre>
 */
final class GoldenDataset {
    private GoldenDataset() {}

    static void load(JdbcTemplate crm, JdbcTemplate u8, JdbcTemplate k3, RouteRunner runner, UnmatchedReceipts queue) {
        CrmWriter writer = new CrmWriter(crm);
        writer.insertCustomers(List.of(new CrmWriter.Customer(1, "C00001", "华东机械", "张伟"),
                new CrmWriter.Customer(2, "C00002", "=HYPERLINK(\"http://x\")", "李娜")));
        writer.insertOpportunities(List.of(
                opp(1, 1, "成交", "CNY", "100000.00", "2026-10-08", "2026-10-31"),
                opp(2, 1, "成交", "USD", "20000.00", "2026-09-01", null),
                opp(3, 1, "输单", "CNY", "50000.00", null, null),
                opp(4, 1, "谈判", "CNY", "30000.00", null, null),
                opp(5, 2, "成交", "CNY", "8000.00", "2026-09-15", "2026-10-20"),
                opp(6, 2, "成交", "CNY", "5000.00", "2026-10-02", null),
                opp(7, 2, "成交", "CNY", "12000.00", "2026-09-10", "2026-10-15"),
                opp(8, 1, "成交", "CNY", "6000.00", "2026-09-10", "2026-10-15"),
                opp(9, 1, "成交", "CNY", "4000.00", "2026-09-10", "2026-10-15")));
        U8ReceiptWriter erp = new U8ReceiptWriter(u8);
        erp.insert(List.of(
                u8(1, "2026-10-05", "C00001", "人民币", 1.0, "商机号：OPP-2026-00001 首付款", "30000.00"),
                u8(2, "2026-10-06", "C00001", "美元", 7.1234, "OPP-2026-00002", "333.33"),
                u8(3, "2026-10-20", "C00001", "人民币", 1.0, "OPP-2026-00001 红字冲销", "-300.00"),
                u8(4, "2026-10-07", "C00001", "人民币", 1.0, "OPP-2026-00004 预付款", "2000.00"),
                u8(5, "2026-10-10", "C00002", "人民币", 1.0, "OPP-2026-00005", "3000.00"),
                u8(6, "2026-11-03", "C00001", "人民币", 1.0, "OPP-2026-00001", "1000.00"),
                u8(7, "2026-10-12", "C00001", "人民币", 1.0, "OPP-2026-00001", "5000.00"),
                u8(8, "2026-10-13", "C00001", "人民币", 1.0, "OPP-2026-00001", "800.00"),
                u8(11, "2026-10-15", "C00002", "人民币", 1.0, "货款", "12000.00"),
                u8(12, "2026-10-15", "C00001", "人民币", 1.0, "+货款 十月", "10000.00"),
                u8(13, "2026-10-16", "C00001", "人民币", 1.0, "OPP-2026-00003", "700.00"),
                u8(14, "2026-10-16", "C99999", "人民币", 1.0, "@预收", "900.00"),
                u8(15, "2026-10-17", "C00001", "人民币", 1.0, "-重复录入", "250.00"),
                u8(16, "2026-10-19", "C00001", "美元", 0.0, "OPP-2026-00002 尾款", "500.00")));
        K3ReceiptWriter k3Writer = new K3ReceiptWriter(k3);
        k3Writer.insertReferenceData(List.of("C00001", "C00002"));
        k3Writer.insert(List.of(new K3ReceiptWriter.Bill(21, "SKD000021", LocalDate.parse("2026-10-18"), "C00001", "PRE001",
                BigDecimal.ONE, List.of(new BigDecimal("1500.00")), "OPP-2026-00001", "C", LocalDateTime.parse("2026-10-18T10:00:00"))));

        run(runner, "receipts-u8");
        run(runner, "receipts-k3");
        erp.edit(7, new BigDecimal("4500.00"), "OPP-2026-00001");
        erp.delete(8);
        run(runner, "receipts-u8");
        queue.dismiss("U8", "15", "finance", "重复录入，ERP已红冲");

        crm.update("UPDATE crm_opportunity SET received_amount = 3500.00, outstanding_amount = 4500.00 WHERE id = 5");
        crm.update("UPDATE crm_opportunity SET received_amount = 5000.00, outstanding_amount = 0.00, receipt_status = '已回款' WHERE id = 6");
    }

    private static void run(RouteRunner runner, String route) {
        assertThat(runner.run(route, Trigger.MANUAL, "test", Map.of()).status()).as(route).isEqualTo("SUCCEEDED");
    }

    static CrmWriter.Opp opp(long id, long customer, String stage, String currency, String signed, String won, String planned) {
        return new CrmWriter.Opp(id, String.format("OPP-2026-%05d", id), customer, stage, "张伟", currency, new BigDecimal(signed),
                won == null ? null : LocalDate.parse(won), planned == null ? null : LocalDate.parse(planned));
    }

    static U8ReceiptWriter.Receipt u8(int id, String date, String customer, String currency, double rate, String memo,
                                      String... amounts) {
        return new U8ReceiptWriter.Receipt(id, "48", String.format("SK%06d", id), LocalDate.parse(date), customer, currency,
                rate, Arrays.stream(amounts).map(BigDecimal::new).toList(), memo, "王会计");
    }
}
