package io.etlhub.customerview;

import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.CustomerViewSourceWriter;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer view over source data as U8, K3 and MES databases really hold it, on MariaDB, against figures worked
 * out by hand in the comments: codes padded with spaces and in other cases (SourceKeys: trimmed, upper case), NULLs,
 * negative stock, work orders that cannot be scheduled, text in a number column, customers on one side only.
 * The source columns are given a binary NO PAD collation for a test (as SQL Server CHAR columns under a
 * case-sensitive collation), so that 'C001 ', ' C001' and 'c001' are three keys that do not sort together.
 */
class CustomerViewMessySourcesIntegrationTest extends HubIntegrationTest {
    @Autowired
    TestRestTemplate rest;
    @Autowired
    CustomerViews views;
    @Autowired
    Clock clock;
    @Autowired
    RouteRunner runner;

    /** Columns whose definition a test changed, restored after it: database, table, column, definition. */
    private final List<Runnable> restore = new ArrayList<>();

    @AfterEach
    void restoreColumns() {
        for (int i = restore.size() - 1; i >= 0; i--) restore.get(i).run();
        restore.clear();
    }

    /** Gives a source column a new definition for this test; the old one (type, collation, nullability) comes back after it. */
    private void redefine(JdbcTemplate db, String table, String column, String definition) {
        Map<String, Object> c = db.queryForMap("SELECT COLUMN_TYPE, CHARACTER_SET_NAME, COLLATION_NAME, IS_NULLABLE FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?", table, column);
        String old = c.get("COLUMN_TYPE") + (c.get("COLLATION_NAME") == null ? ""
                : " CHARACTER SET " + c.get("CHARACTER_SET_NAME") + " COLLATE " + c.get("COLLATION_NAME"))
                + ("NO".equals(c.get("IS_NULLABLE")) ? " NOT NULL" : " NULL");
        db.execute("DELETE FROM " + table);
        db.execute("ALTER TABLE " + table + " MODIFY " + column + " " + definition);
        restore.add(() -> {
            db.execute("DELETE FROM " + table);
            db.execute("ALTER TABLE " + table + " MODIFY " + column + " " + old);
        });
    }

    private static final String CODE_NO_PAD = " CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin";

    /** An incremental refresh of one source's route (a full one the first time). */
    RunSummary run(String source) {
        return runner.run("customer-view-" + source, Trigger.MANUAL, "test", Map.of());
    }

    /** The CRM's stored view row of a customer; the CRM compares codes ignoring case, like SourceKeys. */
    Map<String, Object> crmView(String code) {
        List<Map<String, Object>> rows = crmDb().queryForList("SELECT * FROM crm_customer_view WHERE customer_code = ?", code);
        assertThat(rows).as("the CRM's view of " + code).hasSize(1);
        return rows.get(0);
    }

    @Test
    void codesThatDifferInSpacesOrCaseAreOneCodeTheirRowsMergedTheMappingsWay() {
        LocalDate today = LocalDate.now(clock);
        redefine(u8Db(), "CurrentStock", "cInvCode", "VARCHAR(60)" + CODE_NO_PAD + " NOT NULL");
        redefine(u8Db(), "Inventory", "cInvCode", "VARCHAR(60)" + CODE_NO_PAD + " NOT NULL");
        redefine(u8Db(), "Customer", "cCusCode", "VARCHAR(20)" + CODE_NO_PAD + " NOT NULL");
        redefine(u8Db(), "Ar_Detail", "cDwCode", "VARCHAR(20)" + CODE_NO_PAD);
        redefine(u8Db(), "DispatchList", "cCusCode", "VARCHAR(20)" + CODE_NO_PAD);
        redefine(u8Db(), "DispatchLists", "cInvCode", "VARCHAR(60)" + CODE_NO_PAD);
        // The CRM knows the customer as 'c001' (lower case); D002 is in U8 only; C009 in the CRM only.
        new CrmWriter(crmDb()).insertCustomers(List.of(new CrmWriter.Customer(1, "c001", "华东精密", "陈静"),
                new CrmWriter.Customer(2, "C009", "北方机电", "陈静")));
        CustomerViewSourceWriter u8 = new CustomerViewSourceWriter(u8Db());
        // Credit line: MAX (the mapping's aggregate) over 'C001 ' 1,000,000 and 'c001' NULL = 1,000,000.
        u8.u8Customers(List.of(new Object[] {"C001 ", "华东精密", 1_000_000.0}, new Object[] {"c001", "华东精密(旧)", null},
                new Object[] {"D002", "西部仪表", 50_000.0}));
        // Open receivables, SUM: ' C001' 100,000 + 'C001' 5,000 - 'c001' 20,000 = 85,000; D002 1,000. In binary order
        // ' C001', 'C001', 'D002', 'c001': C001's rows do not sort together.
        u8.u8Receivables(List.of(new Object[] {1, " C001", 100_000, 0}, new Object[] {2, "c001", 0, 20_000},
                new Object[] {3, "C001", 5_000, 0}, new Object[] {4, "D002", 1_000, 0}));
        // M100 available, SUM: 'M100' 200 + 'm100 ' 150 + ' M100' -30 (oversold, allowed in U8) = 320. N200: 10. P300: 40 - 60 = -20.
        u8.u8Stock(List.of(new Object[] {1, "01", "M100", 200, 0, 200}, new Object[] {2, "02", "m100 ", 150, 0, 150},
                new Object[] {3, "03", " M100", -30, 0, -30}, new Object[] {4, "01", "N200", 10, 0, 10},
                new Object[] {5, "01", "P300", 40, 0, 40}, new Object[] {6, "02", "p300", -60, 0, -60}));
        // Safety stock: M100 400; N200 NULL (none set: never below it); P300 5.
        u8.u8Inventory(List.of(new Object[] {"M100", "主机", 400.0}, new Object[] {"N200", "配件", null}, new Object[] {"P300", "面板", 5.0}));
        // Shipped to 'c001 ' and ' C001' 10 days ago: m100 900 (108,000) and a line with no quantity (NULL: adds nothing);
        // N200 90; P300 9.
        Timestamp tenDaysAgo = Timestamp.valueOf(today.minusDays(10).atStartOfDay());
        u8.u8Dispatches(List.of(new Object[] {1, "FH001", "c001 ", tenDaysAgo}, new Object[] {2, "FH002", " C001", tenDaysAgo}));
        u8.u8DispatchLines(List.of(new Object[] {1, 1, "m100", 900, 108_000}, new Object[] {2, 2, "M100 ", null, null},
                new Object[] {3, 2, "N200", 90, 900}, new Object[] {4, 1, "p300", 9, 90}));

        RunSummary first = run("u8");
        assertThat(first.succeeded()).as(first.error()).isTrue();
        assertThat(first.count("rows-skipped")).isZero();
        // One hub row per code.
        assertThat(hub.queryForList("SELECT item_code FROM cv_stock WHERE connector = 'u8' ORDER BY item_code", String.class))
                .containsExactly("M100", "N200", "P300");
        assertThat(hub.queryForObject("SELECT available FROM cv_stock WHERE item_code = 'M100'", BigDecimal.class)).isEqualByComparingTo("320");
        assertThat(hub.queryForList("SELECT customer_code FROM cv_receivables ORDER BY customer_code", String.class)).containsExactly("C001", "D002");

        Map<String, Object> c = crmView("c001");
        assertThat((BigDecimal) c.get("credit_line")).isEqualByComparingTo("1000000");
        assertThat((BigDecimal) c.get("open_receivables")).isEqualByComparingTo("85000");
        assertThat((BigDecimal) c.get("remaining_credit")).isEqualByComparingTo("915000");      // 1,000,000 - 85,000
        CustomerFigures f = views.figures("c001");
        assertThat(f.items()).extracting(StockCover::item).containsExactly("M100", "N200", "P300");
        StockCover m100 = f.items().get(0), n200 = f.items().get(1), p300 = f.items().get(2);
        assertThat(m100.shipped()).isEqualByComparingTo("900");
        assertThat(m100.daysOfCover()).isEqualByComparingTo("32.0");                             // 320 / (900 / 90)
        assertThat(m100.belowSafety()).isTrue();                                                 // 320 < 400
        assertThat(n200.daysOfCover()).isEqualByComparingTo("10.0");                             // 10 / (90 / 90)
        assertThat(n200.safety()).isNull();
        assertThat(n200.belowSafety()).isFalse();
        assertThat(p300.available()).isEqualByComparingTo("-20");
        assertThat(p300.daysOfCover()).isEqualByComparingTo("0.0");                              // oversold: no cover, not -200 days
        assertThat(p300.belowSafety()).isTrue();                                                 // -20 < 5
        assertThat((BigDecimal) c.get("min_cover_days")).isEqualByComparingTo("0.0");
        assertThat(c.get("cover_item")).isEqualTo("P300");
        assertThat(((Number) c.get("below_safety_items")).intValue()).isEqualTo(2);
        assertThat((String) c.get("alerts")).contains("COVER_SHORT").doesNotContain("CREDIT_LOW");

        // In U8 only (D002): kept in the hub, no view, nothing failed. In the CRM only (C009): a view without ERP figures,
        // its credit unknown (no credit line), not 0 and no CREDIT_LOW.
        assertThat(crmDb().queryForObject("SELECT COUNT(*) FROM crm_customer_view WHERE customer_code = 'D002'", Integer.class)).isZero();
        Map<String, Object> crmOnly = crmView("C009");
        assertThat(crmOnly.get("credit_line")).isNull();
        assertThat(crmOnly.get("remaining_credit")).isNull();
        assertThat(crmOnly.get("min_cover_days")).isNull();
        assertThat((String) crmOnly.get("alerts")).isEmpty();

        // Incremental: 'm100 ' (150) leaves U8 without a new version; the count under the code M100 (3 source rows) differs,
        // and M100 is read again by its normalised code, all its spellings: 200 - 30 = 170.
        u8Db().update("DELETE FROM CurrentStock WHERE AutoID = 2");
        RunSummary second = run("u8");
        assertThat(second.succeeded()).as(second.error()).isTrue();
        assertThat(views.figures("c001").items().get(0).available()).isEqualByComparingTo("170");
        assertThat((BigDecimal) crmView("c001").get("min_cover_days")).isEqualByComparingTo("0.0");
        // A changed row of ' C001' reads every spelling of C001 again: 100,000 + 5,000 - 20,000 + 1,000 more = 86,000.
        u8Db().update("UPDATE Ar_Detail SET iDAmount = 101000 WHERE Auto_ID = 1");
        assertThat(run("u8").succeeded()).isTrue();
        assertThat((BigDecimal) crmView("c001").get("open_receivables")).isEqualByComparingTo("86000");
    }

    @Test
    void aNullCreditLineIsUnknownCreditNeverZero() {
        new CrmWriter(crmDb()).insertCustomers(List.<CrmWriter.Customer>of(new CrmWriter.Customer(1, "C001", "华东精密", "陈静")));
        new CrmWriter(crmDb()).insertOpportunities(List.of(new CrmWriter.Opp(1, "OPP-2026-00001", 1, "谈判", "陈静", "CNY",
                new BigDecimal("50000"), null, null)));
        CustomerViewSourceWriter u8 = new CustomerViewSourceWriter(u8Db());
        u8.u8Customers(List.<Object[]>of(new Object[] {"C001", "华东精密", null}));
        u8.u8Receivables(List.<Object[]>of(new Object[] {1, "C001", 80_000, 0}));
        assertThat(run("u8").succeeded()).isTrue();

        Map<String, Object> c = crmView("C001");
        assertThat(c.get("credit_line")).isNull();
        assertThat((BigDecimal) c.get("open_receivables")).isEqualByComparingTo("80000");
        assertThat((BigDecimal) c.get("pipeline_amount")).isEqualByComparingTo("50000");
        assertThat(c.get("remaining_credit")).isNull();                                         // not 0 - 80,000 - 50,000
        assertThat((String) c.get("alerts")).doesNotContain("CREDIT_LOW");
        assertThat(c.get("credit_source")).isEqualTo("U8");

        Map<String, Object> view = rest.withBasicAuth("finance", FINANCE_PASSWORD).exchange("/api/customers/C001/view", HttpMethod.GET, null,
                new ParameterizedTypeReference<Map<String, Object>>() {}).getBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> credit = (Map<String, Object>) view.get("remainingCredit");
        assertThat(credit.get("creditLine")).isNull();
        assertThat(credit.get("remaining")).isNull();
        assertThat(credit.get("openReceivables")).isNotNull();
        QuoteCheck.Answer a = views.quote("C001", "M100", BigDecimal.ONE, null, new BigDecimal("1000"));
        assertThat(a.creditCovers()).isNull();                                                   // cannot say, not "short"
        String en = rest.withBasicAuth("finance", FINANCE_PASSWORD).getForObject("/console/customers/C001?lang=en", String.class);
        assertThat(en).contains("unknown (no credit line in the ERP)");
        String zh = rest.withBasicAuth("finance", FINANCE_PASSWORD).getForObject("/console/customers/C001?lang=zh_CN", String.class);
        assertThat(zh).contains("未知（ERP 未设信用额度）");
    }

    @Test
    void workOrdersThatCannotBeScheduledAreSkippedByNameTheOthersExact() {
        LocalDate t = LocalDate.now(clock).plusDays(1);
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock).minusMinutes(5));
        // The MES keeps task quantities as text here (the mapping reads a VARCHAR).
        redefine(mesDb(), "pro_task", "quantity", "VARCHAR(20)");
        new CrmWriter(crmDb()).insertCustomers(List.<CrmWriter.Customer>of(new CrmWriter.Customer(1, "C001", "华东精密", "陈静")));
        CustomerViewSourceWriter mes = new CustomerViewSourceWriter(mesDb());
        mes.mesWorkstations(List.<Object[]>of(new Object[] {1, "L1", "总装一线", now}));
        mes.mesShifts(List.of(new Object[] {1, "白班", "08:00", "16:00", now}, new Object[] {2, "中班", "16:00", "00:00", now})); // 16 h a day
        Timestamp promised = Timestamp.valueOf(t.plusDays(5).atStartOfDay());
        // C001 is 'c001', 'C001 ' and 'C001' in MES; E009 is a customer the CRM does not have.
        mes.mesWorkOrders(List.of(
                new Object[] {1, "WO1", "c001", "PO-1", "M100", 100, promised, "CONFIRMED", now},
                new Object[] {2, "WO2", "C001 ", "PO-2", "M100", 40, promised, "CONFIRMED", now},
                new Object[] {3, "WO3", "C001", "PO-3", "M100", 10, promised, "CONFIRMED", now},
                new Object[] {4, "WO4", "C001", "PO-4", "M100", 10, promised, "CONFIRMED", now},
                new Object[] {5, "WO5", "C001", "PO-5", "M100", 10, promised, "CONFIRMED", now},
                new Object[] {6, "WO6", "E009", "PO-6", "M100", 10, promised, "CONFIRMED", now}));
        mes.mesTasks(List.of(
                // 11: line 'l1 ' T 08-16 = 8 h. 21: T 16-20 = 4 h, quantity ' 40 ' (a number with spaces).
                new Object[] {11, 1, "l1 ", Timestamp.valueOf(t.atTime(8, 0)), Timestamp.valueOf(t.atTime(16, 0)), "100", now},
                new Object[] {21, 2, "L1", Timestamp.valueOf(t.atTime(16, 0)), Timestamp.valueOf(t.atTime(20, 0)), " 40 ", now},
                // 31 ends before it starts: skipped. 41 has no line: in C001's schedule (window to T+2 10:00), in no load.
                new Object[] {31, 3, "L1", Timestamp.valueOf(t.plusDays(1).atTime(12, 0)), Timestamp.valueOf(t.plusDays(1).atTime(8, 0)), "10", now},
                new Object[] {41, 4, null, Timestamp.valueOf(t.plusDays(2).atTime(8, 0)), Timestamp.valueOf(t.plusDays(2).atTime(10, 0)), "10", now},
                // 51's quantity is no number: skipped. 61 (E009) T 08-12 = 4 h on L1.
                new Object[] {51, 5, "L1", Timestamp.valueOf(t.plusDays(1).atTime(8, 0)), Timestamp.valueOf(t.plusDays(1).atTime(12, 0)), "abc", now},
                new Object[] {61, 6, "L1", Timestamp.valueOf(t.atTime(8, 0)), Timestamp.valueOf(t.atTime(12, 0)), "10", now}));

        RunSummary first = run("mes");
        assertThat(first.succeeded()).as(first.error()).isTrue();
        assertThat(first.count("rows-skipped")).isEqualTo(2);                                  // 31 and 51
        assertThat(first.count("rows-noted")).isEqualTo(1);                                    // 41
        assertThat(first.count("rows-read")).isEqualTo(4 + 2);                                 // 11, 21, 41, 61; two shifts on L1
        @SuppressWarnings("unchecked")
        List<String> warnings = (List<String>) first.outputs().get("warnings");
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("connector mes").contains("table pro_task").contains("key 31")
                        .contains("column t.end_time").contains("before planned start").contains("skipped"))
                .anySatisfy(w -> assertThat(w).contains("key 51").contains("column t.quantity").contains("'abc' is not a number"))
                .anySatisfy(w -> assertThat(w).contains("key 41").contains("no line").contains("kept"));

        // L1 on T: 8 + 4 + 4 = 16 h of 16 = 1.0. C001: WO1, WO2, WO4 open; window T 08:00 to T+2 10:00.
        Map<String, Object> c = crmView("C001");
        assertThat(((Number) c.get("open_orders")).intValue()).isEqualTo(3);
        assertThat(Times.of(c.get("schedule_start"))).isEqualTo(t.atTime(8, 0));
        assertThat(Times.of(c.get("schedule_end"))).isEqualTo(t.plusDays(2).atTime(10, 0));
        assertThat((BigDecimal) c.get("peak_line_load")).isEqualByComparingTo("1.0");
        assertThat(hub.queryForList("SELECT DISTINCT customer_code FROM cv_work_orders ORDER BY customer_code", String.class))
                .containsExactly("C001", "E009");
        assertThat(hub.queryForObject("SELECT quantity FROM cv_work_orders WHERE order_id = '21'", BigDecimal.class)).isEqualByComparingTo("40");

        // E009's task now ends at 16:00: L1 on T = 8 + 4 + 8 = 20 h = 1.25. C001 has no order in the change but sees the load
        // move: its orders ('c001', 'C001 ') are one customer in SQL and in Java.
        mesDb().update("UPDATE pro_task SET end_time = ?, update_time = ? WHERE task_id = 61", Timestamp.valueOf(t.atTime(16, 0)),
                Timestamp.valueOf(LocalDateTime.now(clock)));
        RunSummary second = run("mes");
        assertThat(second.succeeded()).as(second.error()).isTrue();
        assertThat(second.count("views-written")).isEqualTo(1);
        assertThat((BigDecimal) crmView("C001").get("peak_line_load")).isEqualByComparingTo("1.25");
    }
}
