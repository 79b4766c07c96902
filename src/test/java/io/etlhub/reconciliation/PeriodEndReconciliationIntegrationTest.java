package io.etlhub.reconciliation;

import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.K3ReceiptWriter;
import io.etlhub.demo.U8ReceiptWriter;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.Trigger;
import io.etlhub.reconciliation.ReconciliationReport.AmountLine;
import io.etlhub.reconciliation.ReconciliationReport.Difference;
import io.etlhub.support.HubIntegrationTest;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * October 2026 as it stood on 31 October, whatever happens later: receipts dated in November, opportunities won in
 * November, stage changes, invalid documents, a deleted opportunity, and the Chinese workbook a finance user reads.
 *
 * <pre>
 * Customers C10001 (id 1), C10002 (id 2).
 * Opportunities      cust stage now  signed    won         history
 *   OPP-2026-00001   1    成交       10000.00  2026-09-15  -            paid 4000 on 10-10, the other 6000 on 11-01
 *   OPP-2026-00002   1    成交        9000.00  2026-09-20  -            3000 on 10-05, USD 333.33 x 7.1234 on 10-28; 2000 on 11-15 (later)
 *   OPP-2026-00003   1    成交        8000.00  2026-11-10  谈判->成交 11-10   1000 on 10-20: before it was won
 *   OPP-2026-00004   1    输单        5000.00  -           -            700 on 10-21: queued OPPORTUNITY_CLOSED
 *   OPP-2026-00005   2    成交        2000.00  2026-09-01  -            2000 on 10-08
 *   OPP-2026-00006   2    成交        7000.00  2026-09-01  成交->输单 10-20, 输单->成交 11-05   1500 on 10-10
 *   OPP-2026-00007   2    成交        4000.00  2026-11-12  -            500 on 11-20 (later)
 * U8 receipts: 1 (10-10, 4000 OPP1), 2 (11-01, 6000 OPP1), 3 (10-05, 3000 OPP2), 5 (10-20, 1000 OPP3), 6 (10-21, 700 OPP4),
 *   7 (10-08, 2000 OPP5), 8 (10-25, 美元 rate 0, 300.00), 9 (10-26, 人民币, its only line has no amount),
 *   10 (10-10, 1500 OPP6), 11 (10-28, 美元 7.1234, 333.33 OPP2: 2374.44); later: 4 (11-15, 2000 OPP2), 12 (11-20, 500 OPP7).
 * K3 receipt bill 21 (10-18, C10002, PRE001, 800.00, memo without a number).
 * </pre>
 */
class PeriodEndReconciliationIntegrationTest extends HubIntegrationTest {
    static final Period OCTOBER = Period.of("2026-10", null, null);

    @Autowired
    RouteRunner runner;
    @Autowired
    ReconciliationService service;
    @Autowired
    ReconciliationTexts texts;
    @TempDir
    Path dir;

    U8ReceiptWriter u8;

    @BeforeEach
    void load() {
        CrmWriter crm = new CrmWriter(crmDb());
        crm.insertCustomers(List.of(new CrmWriter.Customer(1, "C10001", "苏州明达机械有限公司", "张伟"),
                new CrmWriter.Customer(2, "C10002", "宁波恒远电子科技有限公司", "李娜")));
        crm.insertOpportunities(List.of(
                GoldenDataset.opp(1, 1, "成交", "CNY", "10000.00", "2026-09-15", null),
                GoldenDataset.opp(2, 1, "成交", "CNY", "9000.00", "2026-09-20", null),
                GoldenDataset.opp(3, 1, "成交", "CNY", "8000.00", "2026-11-10", null),
                GoldenDataset.opp(4, 1, "输单", "CNY", "5000.00", null, null),
                GoldenDataset.opp(5, 2, "成交", "CNY", "2000.00", "2026-09-01", null),
                GoldenDataset.opp(6, 2, "成交", "CNY", "7000.00", "2026-09-01", null),
                GoldenDataset.opp(7, 2, "成交", "CNY", "4000.00", "2026-11-12", null)));
        stageChange(3, "谈判", "成交", "2026-11-10T09:00:00");
        stageChange(6, "成交", "输单", "2026-10-20T15:00:00");
        stageChange(6, "输单", "成交", "2026-11-05T10:00:00");
        u8 = new U8ReceiptWriter(u8Db());
        u8.insert(List.of(
                GoldenDataset.u8(1, "2026-10-10", "C10001", "人民币", 1.0, "OPP-2026-00001 首付款", "4000.00"),
                GoldenDataset.u8(2, "2026-11-01", "C10001", "人民币", 1.0, "OPP-2026-00001 尾款", "6000.00"),
                GoldenDataset.u8(3, "2026-10-05", "C10001", "人民币", 1.0, "OPP-2026-00002", "3000.00"),
                GoldenDataset.u8(5, "2026-10-20", "C10001", "人民币", 1.0, "OPP-2026-00003 预付款", "1000.00"),
                GoldenDataset.u8(6, "2026-10-21", "C10001", "人民币", 1.0, "商机号：OPP-2026-00004", "700.00"),
                GoldenDataset.u8(7, "2026-10-08", "C10002", "人民币", 1.0, "OPP-2026-00005", "2000.00"),
                GoldenDataset.u8(8, "2026-10-25", "C10001", "美元", 0.0, "OPP-2026-00002 美元", "300.00"),
                GoldenDataset.u8(9, "2026-10-26", "C10001", "人民币", 1.0, "货款", "100.00"),
                GoldenDataset.u8(10, "2026-10-10", "C10002", "人民币", 1.0, "OPP-2026-00006", "1500.00"),
                GoldenDataset.u8(11, "2026-10-28", "C10001", "美元", 7.1234, "OPP-2026-00002", "333.33")));
        // a line whose amount is empty: the document has no amount
        u8Db().update("UPDATE Ap_CloseBills SET iAmt = NULL, iAmt_f = NULL, iRAmt = NULL, iRAmt_f = NULL WHERE iID = 9");
        K3ReceiptWriter k3 = new K3ReceiptWriter(k3Db());
        k3.insertReferenceData(List.of("C10001", "C10002"));
        k3.insert(List.of(new K3ReceiptWriter.Bill(21, "SKD000021", LocalDate.parse("2026-10-18"), "C10002", "PRE001",
                BigDecimal.ONE, List.of(new BigDecimal("800.00")), "货款", "C", LocalDateTime.parse("2026-10-18T10:00:00"))));
        run("receipts-u8");
        run("receipts-k3");
    }

    @Test
    void octoberIsComputedAsAtThirtyFirstOctober() {
        ReconciliationReport r = service.report(OCTOBER);

        ReconciliationReport.ControlTotal c = r.control();
        // dated in October: U8 1, 3, 5, 6, 7, 8, 9, 10, 11 and K3 21 = 10 documents
        assertThat(c.documents()).isEqualTo(10);
        // valid, in CNY: 4000 + 3000 + 1000 + 700 + 2000 + 1500 + 2374.44 + 800 = 15374.44
        assertThat(c.erpReceipts()).isEqualByComparingTo("15374.44");
        // matched: 4000 + 3000 + 1000 + 2000 + 1500 + 2374.44 = 13874.44; unmatched: 700 + 800 = 1500.00
        assertThat(c.matched()).isEqualByComparingTo("13874.44");
        assertThat(c.unmatched()).isEqualByComparingTo("1500.00");
        assertThat(c.balanced()).isTrue();
        // invalid, in their original currency: 9 has no amount (CNY), 8 has rate 0 (USD 300.00)
        assertThat(c.invalid()).containsExactly(new SourceData.InvalidAmount("CNY", 1, m("0.00")),
                new SourceData.InvalidAmount("USD", 1, m("300.00")));

        // (opportunity, stage on 31 October, signed cumulative, ERP to period end, CRM received, outstanding, deviation)
        assertThat(r.opportunities()).extracting(AmountLine::opportunityNo, AmountLine::stage, AmountLine::signedCumulative,
                AmountLine::erpReceivedToDate, AmountLine::crmReceived, AmountLine::outstanding, AmountLine::deviation).containsExactly(
                // paid in full on 1 November: the CRM says 10000 received, 0 outstanding; on 31 October 4000 and 6000
                tuple("OPP-2026-00001", "成交", m("10000.00"), m("4000.00"), m("4000.00"), m("6000.00"), m("0.00")),
                // 3000 + 2374.44 = 5374.44; 9000 - 5374.44 = 3625.56
                tuple("OPP-2026-00002", "成交", m("9000.00"), m("5374.44"), m("5374.44"), m("3625.56"), m("0.00")),
                // won on 10 November: on 31 October still 谈判, signed nothing
                tuple("OPP-2026-00003", "谈判", m("0.00"), m("1000.00"), m("1000.00"), m("7000.00"), m("0.00")),
                tuple("OPP-2026-00005", "成交", m("2000.00"), m("2000.00"), m("2000.00"), m("0.00"), m("0.00")),
                // lost from 20 October to 5 November: on 31 October 输单, so not signed; 7000 - 1500 = 5500
                tuple("OPP-2026-00006", "输单", m("0.00"), m("1500.00"), m("1500.00"), m("5500.00"), m("0.00")));

        // every difference names its document and the opportunity; grouped by reason, then customer
        assertThat(r.differences()).extracting(Difference::reason, Difference::documentNo, Difference::opportunityNo,
                Difference::currency, Difference::amount, d -> d.detail().key()).containsExactly(
                tuple(Reason.UNMATCHED, "SKD000021", null, "CNY", m("800.00"), "ledger.NO_NUMBER"),
                tuple(Reason.NOT_WON, "SK000005", "OPP-2026-00003", "CNY", m("1000.00"), "notWonAtEnd"),
                tuple(Reason.NOT_WON, "SK000006", "OPP-2026-00004", "CNY", m("700.00"), "opportunityClosed"),
                tuple(Reason.NOT_WON, "SK000010", "OPP-2026-00006", "CNY", m("1500.00"), "notWonAtEnd"),
                // an opportunity's row names the receipts applied to it by the period end
                tuple(Reason.PARTIAL_PAYMENT, "SK000001", "OPP-2026-00001", "CNY", m("6000.00"), "partial"),
                tuple(Reason.PARTIAL_PAYMENT, "SK000003, SK000011", "OPP-2026-00002", "CNY", m("3625.56"), "partial"),
                // 2374.44 - 333.33 x 7.1234 (= 2374.442922)
                tuple(Reason.ROUNDING, "SK000011", "OPP-2026-00002", "CNY", new BigDecimal("-0.002922"), "rounding"),
                tuple(Reason.INVALID_DOCUMENT, "SK000008", "OPP-2026-00002", "USD", m("300.00"), "invalid.rate"),
                tuple(Reason.INVALID_DOCUMENT, "SK000009", null, "CNY", m("0.00"), "invalid.noAmount"));
        Difference notWon = r.differences().get(3);
        assertThat(notWon.detail().args()).containsExactly("2026-10-31", "输单", "2026-09-01");
    }

    @Test
    void rerunningOctoberAfterLaterReceiptsGivesTheSameReport() {
        ReconciliationReport before = service.report(OCTOBER);

        u8.insert(List.of(GoldenDataset.u8(4, "2026-11-15", "C10001", "人民币", 1.0, "OPP-2026-00002", "2000.00"),
                GoldenDataset.u8(12, "2026-11-20", "C10002", "人民币", 1.0, "OPP-2026-00007", "500.00")));
        run("receipts-u8");
        // the CRM moved on: OPP-2026-00002 has 5374.44 + 2000 = 7374.44 received now
        assertThat(crmDb().queryForObject("SELECT received_amount FROM crm_opportunity WHERE id = 2", BigDecimal.class))
                .isEqualByComparingTo("7374.44");

        ReconciliationReport after = service.report(OCTOBER);
        assertThat(after).isEqualTo(before);
        // OPP-2026-00007, won in November and paid only then, is no line of October; November has the November
        // receipts: 6000 + 2000 + 500
        assertThat(after.opportunities()).extracting(AmountLine::opportunityNo).doesNotContain("OPP-2026-00007");
        assertThat(service.report(Period.of("2026-11", null, null)).control().erpReceipts()).isEqualByComparingTo("8500.00");
    }

    @Test
    void aDeletedOpportunitysReceiptsHaveTheirOwnReasonAndTheControlTotalShowsTheGap() {
        crmDb().update("DELETE FROM crm_opportunity WHERE id = 5");

        ReconciliationReport r = service.report(OCTOBER);

        assertThat(r.differences()).filteredOn(d -> d.reason() == Reason.OPPORTUNITY_DELETED)
                .extracting(Difference::documentNo, Difference::customerCode, Difference::opportunityNo, Difference::amount)
                .containsExactly(tuple("SK000007", "C10002", "OPP-2026-00005", m("2000.00")));
        // matched 13874.44 - 2000.00: the report does not balance, and the row says why
        assertThat(r.control().difference()).isEqualByComparingTo("2000.00");
        assertThat(r.control().balanced()).isFalse();
    }

    @Test
    void theChineseWorkbookSpeaksChineseAndIsoCurrencies() throws Exception {
        Path file = dir.resolve("recon-2026-10.xlsx");
        new ReconciliationWorkbook(texts, Locale.SIMPLIFIED_CHINESE).write(service.report(OCTOBER), file);

        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            DataFormatter shown = new DataFormatter(Locale.ROOT);
            List<String> texts = new ArrayList<>();
            wb.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> {
                if (cell.getCellType() == CellType.STRING) texts.add(cell.getStringCellValue());
            })));
            assertThat(texts).noneMatch(t -> t.matches(".*\\b(UNMATCHED|NO_NUMBER|OPPORTUNITY_CLOSED|INVALID_DOCUMENT|APPLIED)\\b.*"))
                    .noneMatch(t -> t.contains("after 2026") || t.contains("PRE001") || t.contains("人民币"));

            Sheet differences = wb.getSheet("差异明细");
            assertThat(header(differences)).containsExactly("原因", "ERP客户编码", "来源系统", "单据号", "商机编号", "币种", "金额", "说明");
            List<String> reasons = new ArrayList<>();
            for (int i = 1; i <= differences.getLastRowNum(); i++) reasons.add(differences.getRow(i).getCell(0).getStringCellValue());
            assertThat(reasons).containsExactly("收款未匹配到任何商机", "收款对应的商机未成交", "收款对应的商机未成交",
                    "收款对应的商机未成交", "部分回款", "部分回款", "汇率折算尾差", "无效单据（无金额或汇率为0）", "无效单据（无金额或汇率为0）");
            Row rounding = row(differences, 3, "SK000011");
            assertThat(shown.formatCellValue(rounding.getCell(6))).isEqualTo("-0.003");
            assertThat(rounding.getCell(7).getStringCellValue()).isEqualTo("333.33 USD × 汇率 7.1234 = 2374.442922，入账 2374.44");
            assertThat(row(differences, 3, "SK000010").getCell(7).getStringCellValue())
                    .isEqualTo("截至 2026-10-31 商机尚未成交（期末阶段：输单，成交日期：2026-09-01）");
            assertThat(row(differences, 3, "SK000006").getCell(7).getStringCellValue()).isEqualTo("商机 OPP-2026-00004 阶段为输单，不接收回款");
            assertThat(row(differences, 3, "SK000008").getCell(7).getStringCellValue()).isEqualTo("汇率为空或不为正数：0");

            Sheet unmatched = wb.getSheet("未匹配收款");
            assertThat(header(unmatched).subList(4, 8)).containsExactly("币种", "金额", "本位币", "本位币金额");
            Row k3 = row(unmatched, 1, "SKD000021");
            assertThat(List.of(k3.getCell(4).getStringCellValue(), k3.getCell(6).getStringCellValue(),
                    k3.getCell(9).getStringCellValue(), k3.getCell(10).getStringCellValue()))
                    .containsExactly("CNY", "CNY", "未匹配", "备注中没有商机号");
            Row usd = row(unmatched, 1, "SK000008");
            assertThat(usd.getCell(4).getStringCellValue()).isEqualTo("USD");
            assertThat(usd.getCell(7)).isNull(); // no CNY amount for a rate of 0

            Sheet opportunities = wb.getSheet("商机");
            assertThat(header(opportunities)).containsExactly("ERP客户编码", "客户名称", "商机编号", "期末阶段", "币种", "本期签约额",
                    "累计签约额", "ERP截至期末回款", "CRM已回款", "CRM未回款", "偏差(CRM-ERP)", "偏差%", "本位币",
                    "ERP本期回款(本位币)", "ERP未匹配/已忽略收款(本位币)");

            // the invalid bucket: (item, amount, currency) in the original currency
            List<org.assertj.core.groups.Tuple> invalid = new ArrayList<>();
            wb.getSheet("汇总").forEach(r -> {
                if (r.getCell(0).getStringCellValue().startsWith("无效单据")) {
                    invalid.add(tuple(r.getCell(0).getStringCellValue(), shown.formatCellValue(r.getCell(1)),
                            r.getCell(2).getStringCellValue()));
                }
            });
            assertThat(invalid).containsExactly(tuple("无效单据（1张，原币，不计入本位币合计）", "0.00", "CNY"),
                    tuple("无效单据（1张，原币，不计入本位币合计）", "300.00", "USD"));
        }
    }

    private void stageChange(long opportunity, String from, String to, String at) {
        crmDb().update("INSERT INTO crm_opportunity_stage_history (opportunity_id, from_stage, to_stage, changed_at, changed_by) "
                + "VALUES (?, ?, ?, ?, '张伟')", opportunity, from, to, LocalDateTime.parse(at));
    }

    private void run(String route) {
        assertThat(runner.run(route, Trigger.MANUAL, "test", Map.of()).status()).as(route).isEqualTo("SUCCEEDED");
    }

    private static List<String> header(Sheet sheet) {
        List<String> out = new ArrayList<>();
        sheet.getRow(0).forEach(c -> out.add(c.getStringCellValue()));
        return out;
    }

    private static Row row(Sheet sheet, int column, String value) {
        return ReconcileRouteIntegrationTest.findRow(sheet, column, value);
    }

    static BigDecimal m(String value) {
        return new BigDecimal(value);
    }
}
