package io.etlhub.customerview;

import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.CustomerViewSourceWriter;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The customer view over U8-, K3- and ktg-mes-shaped databases on MariaDB, through the routes
 * customer-view-u8/-k3/-mes, against figures worked out by hand in the comments (T = tomorrow).
 */
class CustomerViewIntegrationTest extends HubIntegrationTest {
    @Autowired
    RouteRunner runner;
    @Autowired
    Clock clock;
    @Autowired
    CustomerViews views;
    @Autowired
    TestRestTemplate rest;

    LocalDate today;
    LocalDate t;

    @BeforeEach
    void sources() {
        today = LocalDate.now(clock);
        t = today.plusDays(1);
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
        CrmWriter crm = new CrmWriter(crmDb());
        crm.insertCustomers(List.of(new CrmWriter.Customer(1, "C001", "华东精密", "陈静"), new CrmWriter.Customer(2, "K001", "南方电器", "陈静")));
        // In negotiation: 50,000 of C001's credit is spoken for.
        crm.insertOpportunities(List.of(new CrmWriter.Opp(1, "OPP-2026-00001", 1, "谈判", "陈静", "CNY", new BigDecimal("50000"), null, null)));

        CustomerViewSourceWriter u8 = new CustomerViewSourceWriter(u8Db());
        u8.u8Customers(List.<Object[]>of(new Object[] {"C001", "华东精密", 3_000_000.0}));
        // Open receivables: 100,000 debit - 20,000 credit = 80,000.
        u8.u8Receivables(List.of(new Object[] {1, "C001", 100_000, 0}, new Object[] {2, "C001", 0, 20_000}));
        // M100: 200 + 150 available over two warehouses = 350 (on hand is larger: fAvaQuantity is what counts).
        u8.u8Stock(List.of(new Object[] {1, "01", "M100", 260, 60, 200}, new Object[] {2, "02", "M100", 150, 0, 150}));
        u8.u8Inventory(List.<Object[]>of(new Object[] {"M100", "主机", 400.0}));
        // 900 shipped 10 days ago = 10 a day over 90 days; 108,000 = 120 a unit. A shipment 200 days ago is outside the window.
        u8.u8Dispatches(List.of(new Object[] {1, "FH001", "C001", Timestamp.valueOf(today.minusDays(10).atStartOfDay())},
                new Object[] {2, "FH002", "C001", Timestamp.valueOf(today.minusDays(200).atStartOfDay())}));
        u8.u8DispatchLines(List.of(new Object[] {1, 1, "M100", 900, 108_000}, new Object[] {2, 2, "M100", 5000, 600_000}));

        CustomerViewSourceWriter k3 = new CustomerViewSourceWriter(k3Db());
        k3Db().update("INSERT INTO T_BD_CUSTOMER (FCUSTID, FNUMBER) VALUES (501, 'K001')");
        k3.k3Materials(List.<Object[]>of(new Object[] {9001, "K-200", now}));
        k3.k3SafetyStock(List.<Object[]>of(new Object[] {1, 9001, 50}));
        k3.k3Inventory(List.of(new Object[] {"a", 9001, 1, 60, 0, now}, new Object[] {"b", 9001, 2, 40, 0, now}));
        // 300 shipped over 90 days = 3.333 a day: 100 / 3.333 = 30.0 days of cover.
        k3.k3OutStocks(List.<Object[]>of(new Object[] {1, "XSCK001", Timestamp.valueOf(today.minusDays(5).atStartOfDay()), 501, now}));
        k3.k3OutStockLines(List.<Object[]>of(new Object[] {1, 1, 9001, 300, 36_000}));
        // Credit 1,000,000; open 300,000 - 100,000 = 200,000 (the written-off bill does not count) -> 800,000 left.
        k3.k3Credit(List.<Object[]>of(new Object[] {1, 501, 1_000_000, now}));
        k3.k3Receivables(List.of(new Object[] {1, "AR001", 501, "A", now}, new Object[] {2, "AR002", 501, "C", now}));
        k3.k3ReceivableLines(List.of(new Object[] {1, 1, 300_000, 100_000}, new Object[] {2, 2, 50_000, 0}));

        CustomerViewSourceWriter mes = new CustomerViewSourceWriter(mesDb());
        mes.mesWorkstations(List.<Object[]>of(new Object[] {1, "L1", "总装一线", now}));
        // 16 h a day: 08-16 and 16-24. T+2 is a holiday.
        mes.mesShifts(List.of(new Object[] {1, "白班", "08:00", "16:00", now}, new Object[] {2, "中班", "16:00", "00:00", now}));
        mes.mesHolidays(List.<Object[]>of(new Object[] {1, Timestamp.valueOf(t.plusDays(2).atStartOfDay()), "HOLIDAY", now}));
        // WO1: T 08:00 - T+1 12:00 (16 h + 4 h), promised T+1. WO2: T 12:00-20:00 (8 h), promised today: late.
        // WO3 is finished: not open, not in the window.
        mes.mesWorkOrders(List.of(
                new Object[] {1, "WO1", "C001", "PO-778", "M100", 100, Timestamp.valueOf(t.plusDays(1).atStartOfDay()), "CONFIRMED", now},
                new Object[] {2, "WO2", "C001", "PO-779", "M100", 80, Timestamp.valueOf(today.atStartOfDay()), "CONFIRMED", now},
                new Object[] {3, "WO3", "C001", "PO-700", "M100", 10, Timestamp.valueOf(today.minusDays(30).atStartOfDay()), "FINISHED", now}));
        mes.mesTasks(List.of(
                new Object[] {11, 1, "L1", Timestamp.valueOf(t.atTime(8, 0)), Timestamp.valueOf(t.plusDays(1).atTime(12, 0)), 100, now},
                new Object[] {21, 2, "L1", Timestamp.valueOf(t.atTime(12, 0)), Timestamp.valueOf(t.atTime(20, 0)), 80, now},
                new Object[] {31, 3, "L1", Timestamp.valueOf(today.minusDays(40).atTime(8, 0)), Timestamp.valueOf(today.minusDays(35).atTime(8, 0)), 10, now}));
    }

    RunSummary run(String source) {
        return runner.run("customer-view-" + source, Trigger.MANUAL, "test", Map.of());
    }

    Map<String, Object> crmView(String code) {
        return crmDb().queryForMap("SELECT * FROM crm_customer_view WHERE customer_code = ?", code);
    }

    @Test
    void figuresFromAllThreeSourcesReachTheCrmView() {
        assertThat(run("u8").succeeded()).isTrue();
        assertThat(run("k3").succeeded()).isTrue();
        RunSummary mes = run("mes");
        assertThat(mes.succeeded()).as(mes.error()).isTrue();
        assertThat(mes.count("rows-read")).isEqualTo(2 + 2 + 1); // two open tasks, two shifts on one line, one holiday

        Map<String, Object> c = crmView("C001");
        assertThat((BigDecimal) c.get("remaining_credit")).isEqualByComparingTo("2870000");   // 3,000,000 - 80,000 - 50,000
        assertThat((BigDecimal) c.get("open_receivables")).isEqualByComparingTo("80000");
        assertThat((BigDecimal) c.get("pipeline_amount")).isEqualByComparingTo("50000");
        assertThat((BigDecimal) c.get("min_cover_days")).isEqualByComparingTo("35.0");        // 350 / (900 / 90)
        assertThat(c.get("cover_item")).isEqualTo("M100");
        assertThat(((Number) c.get("below_safety_items")).intValue()).isEqualTo(1);           // 350 < 400
        assertThat(Times.of(c.get("schedule_start"))).isEqualTo(t.atTime(8, 0));
        assertThat(Times.of(c.get("schedule_end"))).isEqualTo(t.plusDays(1).atTime(12, 0));
        assertThat(((Number) c.get("open_orders")).intValue()).isEqualTo(2);
        assertThat(((Number) c.get("late_risk_orders")).intValue()).isEqualTo(1);             // WO2 ends T, promised today
        assertThat((BigDecimal) c.get("peak_line_load")).isEqualByComparingTo("1.5");         // (16 + 8) / 16 on T
        assertThat(c.get("credit_source")).isEqualTo("U8");
        assertThat(c.get("stock_source")).isEqualTo("U8");
        assertThat(c.get("schedule_source")).isEqualTo("MES");
        assertThat(c.get("credit_as_of")).isNotNull();
        assertThat(((Number) c.get("stock_stale")).intValue()).isZero();
        assertThat((String) c.get("alerts")).contains("LATE_RISK").doesNotContain("CREDIT_LOW");

        Map<String, Object> k = crmView("K001");
        assertThat((BigDecimal) k.get("remaining_credit")).isEqualByComparingTo("800000");
        assertThat((BigDecimal) k.get("min_cover_days")).isEqualByComparingTo("30.0");        // 100 / (300 / 90)
        assertThat(((Number) k.get("below_safety_items")).intValue()).isZero();               // 100 >= 50
        assertThat(k.get("credit_source")).isEqualTo("K3");

        // The console page: the three groups with their sources and as-of times, and the quote check.
        String page = rest.withBasicAuth("finance", FINANCE_PASSWORD).getForObject(
                "/console/customers/C001?lang=en&item=M100&qty=300", String.class);
        assertThat(page).contains("Production window: " + t + " to " + t.plusDays(1))
                .contains("Source MES, as of").contains("Source U8, as of").doesNotContain("Stale")
                .contains("35.0").contains("2870000").contains("Can quote");
        String zh = rest.withBasicAuth("finance", FINANCE_PASSWORD).getForObject("/console/customers/K001?lang=zh_CN", String.class);
        assertThat(zh).contains("来源 K3，截至").contains("800000");

        CustomerFigures f = views.figures("C001");
        assertThat(f.lines().get("L1").peakDayLoad()).isEqualTo(1.5);
        // Week of T: 28 h scheduled; available = 16 h x 7 days, less 16 h when the holiday T+2 falls in the same week.
        LocalDate monday = t.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        boolean holidayInWeek = !t.plusDays(2).isAfter(monday.plusDays(6));
        double weekScheduled = t.plusDays(1).isAfter(monday.plusDays(6)) ? 24 : 28;
        assertThat(f.lines().get("L1").weekLoad()).isCloseTo(weekScheduled / (holidayInWeek ? 96.0 : 112.0), within(1e-9));
    }

    @Test
    void quoteCheckAnswersWithReasons() {
        run("u8");
        run("mes");
        // 500 of M100: 350 in stock, 150 short. L1 built M100 at (100 + 80) / (20 + 8) h = 6.43 an hour: 23.3 h.
        // Free: T 0 h (load 150 %), T+1 12 h, T+2 holiday, T+3 16 h -> 28 h: window T+1 to T+3. 500 x 120 = 60,000 <= 2,870,000.
        QuoteCheck.Answer a = views.quote("C001", "M100", new BigDecimal("500"), t.plusDays(6), null);
        assertThat(a.stockCovers()).isFalse();
        assertThat(a.shortfall()).isEqualByComparingTo("150");
        assertThat(a.window().line()).isEqualTo("L1");
        assertThat(a.window().start()).isEqualTo(t.plusDays(1));
        assertThat(a.window().end()).isEqualTo(t.plusDays(3));
        assertThat(a.window().hours()).isCloseTo(150 / (180.0 / 28.0), within(1e-6));
        assertThat(a.amount()).isEqualByComparingTo("60000");
        assertThat(a.creditCovers()).isTrue();
        assertThat(a.ok()).isTrue();

        // 300 from stock, no production needed; 3,000,000 exceeds the credit left.
        QuoteCheck.Answer big = views.quote("C001", "M100", new BigDecimal("300"), null, new BigDecimal("3000000"));
        assertThat(big.stockCovers()).isTrue();
        assertThat(big.creditCovers()).isFalse();
        assertThat(big.ok()).isFalse();

        ResponseEntity<Map<String, Object>> http = rest.withBasicAuth("finance", FINANCE_PASSWORD).exchange(
                "/api/customers/C001/quote-check?item=M100&qty=500&date=" + t.plusDays(6) + "&lang=en", HttpMethod.GET, null,
                new ParameterizedTypeReference<>() {});
        assertThat(http.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(http.getBody()).containsEntry("ok", true);
        assertThat((List<String>) http.getBody().get("reasons")).hasSize(3)
                .anySatisfy(r -> assertThat(r).startsWith("Line L1 can build the shortfall " + t.plusDays(1) + " to " + t.plusDays(3)));
        ResponseEntity<Map<String, Object>> view = rest.withBasicAuth("finance", FINANCE_PASSWORD).exchange(
                "/api/customers/C001/view", HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
        assertThat(((Map<String, Object>) view.getBody().get("credit")).get("source")).isEqualTo("U8");
        assertThat(rest.withBasicAuth("finance", FINANCE_PASSWORD).getForEntity("/api/customers/NOPE/view", String.class).getStatusCode().value())
                .isEqualTo(404);
    }

    @Test
    void aSourceDownMidRefreshKeepsTheLastValuesMarkedStaleAndRecovers() {
        assertThat(run("u8").succeeded()).isTrue();
        // U8 loses its stock and customer tables after the first figures of the next run were read.
        u8Db().update("INSERT INTO CurrentStock (AutoID, cWhCode, cInvCode, iQuantity, fOutQuantity, fAvaQuantity) VALUES (3, '03', 'M100', 1, 0, 1)");
        u8Db().execute("RENAME TABLE CurrentStock TO CurrentStock_offline, Customer TO Customer_offline");
        try {
            RunSummary down = run("u8");
            assertThat(down.succeeded()).isFalse();
            assertThat(down.error()).contains("connector u8").contains("stock").contains("credit");
            assertThat(down.count("figures-failed")).isEqualTo(2);
            Map<String, Object> c = crmView("C001");
            assertThat((BigDecimal) c.get("min_cover_days")).isEqualByComparingTo("35.0");     // the last good 350, not blanked
            assertThat((BigDecimal) c.get("remaining_credit")).isEqualByComparingTo("2870000");
            assertThat(((Number) c.get("stock_stale")).intValue()).isEqualTo(1);
            assertThat(((Number) c.get("credit_stale")).intValue()).isEqualTo(1);
            CustomerFigures f = views.figures("C001");
            assertThat(f.stock().stale()).isTrue();
            assertThat(f.stock().ageMinutes()).isNotNull().isGreaterThanOrEqualTo(0);
            assertThat(f.stock().error()).contains("stock");
        } finally {
            u8Db().execute("RENAME TABLE CurrentStock_offline TO CurrentStock, Customer_offline TO Customer");
        }
        RunSummary back = run("u8");
        assertThat(back.succeeded()).as(back.error()).isTrue();
        Map<String, Object> c = crmView("C001");
        assertThat(((Number) c.get("stock_stale")).intValue()).isZero();
        assertThat(((Number) c.get("credit_stale")).intValue()).isZero();
        assertThat((BigDecimal) c.get("min_cover_days")).isEqualByComparingTo("35.1");         // 351 / 10: the row added while down
    }

    @Test
    void incrementalRefreshReadsOnlyChangedRows() {
        run("u8");
        // One changed stock row: only item M100's stock is read again and C001's view rebuilt.
        u8Db().update("UPDATE CurrentStock SET fAvaQuantity = 50 WHERE AutoID = 2");
        RunSummary second = run("u8");
        assertThat(second.succeeded()).isTrue();
        assertThat(second.count("rows-read")).isEqualTo(1);
        assertThat(second.count("views-written")).isEqualTo(1);
        assertThat((BigDecimal) crmView("C001").get("min_cover_days")).isEqualByComparingTo("25.0");   // 250 / 10
        // Full refresh on demand reads everything again.
        RunSummary full = runner.run("customer-view-u8", Trigger.MANUAL, "test", Map.of("full", "true"));
        assertThat(full.count("rows-read")).isEqualTo(1 + 1 + 1 + 1 + 1); // stock, safety, one customer-item, credit, receivables
    }

    @Test
    void incrementalRefreshSeesAStockRowDeleted() {
        run("u8");
        // AutoID 2 (150 of M100) is deleted: no row carries a new ufts, the counts differ (1 row in U8, 2 behind the hub's M100).
        u8Db().update("DELETE FROM CurrentStock WHERE AutoID = 2");
        RunSummary second = run("u8");
        assertThat(second.succeeded()).as(second.error()).isTrue();
        assertThat(second.count("rows-read")).isEqualTo(1);                                     // M100 read again
        assertThat(second.count("views-written")).isEqualTo(1);                                 // C001 buys M100
        Map<String, Object> c = crmView("C001");
        assertThat((BigDecimal) c.get("min_cover_days")).isEqualByComparingTo("20.0");          // 200 / (900 / 90)
        assertThat(((Number) c.get("below_safety_items")).intValue()).isEqualTo(1);             // 200 < 400

        // The last stock row of M100 goes: the hub keeps no stock for it.
        u8Db().update("DELETE FROM CurrentStock WHERE AutoID = 1");
        assertThat(run("u8").succeeded()).isTrue();
        assertThat(views.figures("C001").items()).singleElement().satisfies(i -> assertThat(i.available()).isNull());
        assertThat(crmView("C001").get("min_cover_days")).isNull();
    }

    @Test
    void incrementalRefreshSeesWorkOrdersClosedAndDeleted() {
        run("mes");
        assertThat(((Number) crmView("C001").get("open_orders")).intValue()).isEqualTo(2);
        // WO2 is finished in MES (its update_time moves): it leaves the window, the late risk and the line load.
        mesDb().update("UPDATE pro_workorder SET status = 'FINISHED', update_time = ? WHERE workorder_id = 2",
                Timestamp.valueOf(LocalDateTime.now(clock)));
        RunSummary closed = run("mes");
        assertThat(closed.succeeded()).as(closed.error()).isTrue();
        Map<String, Object> c = crmView("C001");
        assertThat(((Number) c.get("open_orders")).intValue()).isEqualTo(1);
        assertThat(((Number) c.get("late_risk_orders")).intValue()).isZero();
        assertThat((BigDecimal) c.get("peak_line_load")).isEqualByComparingTo("1.0");           // WO1 alone: 16 / 16 on T
        assertThat((String) c.get("alerts")).doesNotContain("LATE_RISK");
        assertThat(Times.of(c.get("schedule_end"))).isEqualTo(t.plusDays(1).atTime(12, 0));

        // WO1's task is deleted (no version left to see): the counts differ, a key scan finds it; C001 has no open order left.
        mesDb().update("DELETE FROM pro_task WHERE task_id = 11");
        RunSummary deleted = run("mes");
        assertThat(deleted.succeeded()).as(deleted.error()).isTrue();
        assertThat(deleted.count("views-written")).isEqualTo(1);                                 // C001, named by the order it lost
        c = crmView("C001");
        assertThat(((Number) c.get("open_orders")).intValue()).isZero();
        assertThat(c.get("schedule_start")).isNull();
        assertThat(c.get("peak_line_load")).isNull();
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM cv_line_load", Integer.class)).isZero();
    }

    @Test
    void incrementalMesRefreshWritesExactlyTheViewsWhoseFiguresMoved() {
        new CrmWriter(crmDb()).insertCustomers(List.of(new CrmWriter.Customer(3, "C002", "北方机械", "陈静"),
                new CrmWriter.Customer(4, "C003", "西部仪表", "陈静")));
        LocalDateTime now = LocalDateTime.now(clock);
        CustomerViewSourceWriter mes = new CustomerViewSourceWriter(mesDb());
        // WO4 (C002): T 16:00-20:00 on L1, 4 h beside WO1's 16 h and WO2's 8 h: T carries 28 h of 16 = 1.75.
        // WO5 (C003): T+10 08:00-16:00, alone on its day: 8 / 16 = 0.5; T+10 is in another week than T.
        mes.mesWorkOrders(List.of(
                new Object[] {4, "WO4", "C002", "PO-801", "M100", 40, Timestamp.valueOf(t.plusDays(5).atStartOfDay()), "CONFIRMED", Timestamp.valueOf(now)},
                new Object[] {5, "WO5", "C003", "PO-802", "M100", 100, Timestamp.valueOf(t.plusDays(20).atStartOfDay()), "CONFIRMED", Timestamp.valueOf(now)}));
        mes.mesTasks(List.of(
                new Object[] {41, 4, "L1", Timestamp.valueOf(t.atTime(16, 0)), Timestamp.valueOf(t.atTime(20, 0)), 40, Timestamp.valueOf(now)},
                new Object[] {51, 5, "L1", Timestamp.valueOf(t.plusDays(10).atTime(8, 0)), Timestamp.valueOf(t.plusDays(10).atTime(16, 0)), 100,
                        Timestamp.valueOf(now)}));
        // Every order last changed two hours ago, the finished WO3 one hour ago: the first run's watermark is an hour ago, so the
        // next run reads again only WO3 (within the minute of overlap) and what changes below.
        for (String table : List.of("pro_workorder", "pro_task")) mesDb().update("UPDATE " + table + " SET update_time = ?", Timestamp.valueOf(now.minusHours(2)));
        mesDb().update("UPDATE pro_workorder SET update_time = ? WHERE workorder_id = 3", Timestamp.valueOf(now.minusHours(1)));
        assertThat(run("mes").succeeded()).isTrue();
        assertThat((BigDecimal) crmView("C001").get("peak_line_load")).isEqualByComparingTo("1.75");   // (16 + 8 + 4) / 16 on T
        assertThat((BigDecimal) crmView("C002").get("peak_line_load")).isEqualByComparingTo("1.75");
        assertThat((BigDecimal) crmView("C003").get("peak_line_load")).isEqualByComparingTo("0.5");
        Map<String, Object> c003Before = crmView("C003");

        // WO4 is finished (C002's only order); WO5's quantity changes, which C003's view does not show.
        mesDb().update("UPDATE pro_workorder SET status = 'FINISHED', update_time = ? WHERE workorder_id = 4", Timestamp.valueOf(now));
        mesDb().update("UPDATE pro_task SET quantity = 120, update_time = ? WHERE task_id = 51", Timestamp.valueOf(now));
        RunSummary inc = run("mes");
        assertThat(inc.succeeded()).as(inc.error()).isTrue();
        // Built: C002 and C003 by their own orders, C001 by the load of T that WO4 left (its own orders were not read again).
        assertThat(inc.count("customers-touched")).isEqualTo(3);
        // Written: C001 and C002; C003's row says the same as before.
        assertThat(inc.count("views-written")).isEqualTo(2);
        Map<String, Object> c001 = crmView("C001");
        assertThat((BigDecimal) c001.get("peak_line_load")).isEqualByComparingTo("1.5");               // (16 + 8) / 16 on T
        assertThat(((Number) c001.get("open_orders")).intValue()).isEqualTo(2);
        assertThat(views.figures("C001").lines().get("L1").peakDayLoad()).isEqualTo(1.5);
        Map<String, Object> c002 = crmView("C002");
        assertThat(((Number) c002.get("open_orders")).intValue()).isZero();
        assertThat(c002.get("peak_line_load")).isNull();
        assertThat(c002.get("schedule_start")).isNull();
        assertThat(crmView("C003")).isEqualTo(c003Before);                                               // not written, not even its times
        assertThat(views.figures("C003").lines().get("L1").peakDayLoad()).isEqualTo(0.5);
        // The stored load is what a full rebuild works out: T 24 h, T+1 4 h, T+10 8 h.
        assertThat(hub.queryForList("SELECT load_date, scheduled_hours FROM cv_line_load WHERE line_code = 'L1' ORDER BY load_date"))
                .extracting(r -> ((java.sql.Date) r.get("load_date")).toLocalDate() + "=" + ((Number) r.get("scheduled_hours")).doubleValue())
                .containsExactly(t + "=24.0", t.plusDays(1) + "=4.0", t.plusDays(10) + "=8.0");
    }

    @Test
    void aNewHolidayWorksTheWholeLineLoadOutAgain() {
        // The orders last changed two hours ago: the next run reads none of them again, only the holidays.
        LocalDateTime now = LocalDateTime.now(clock);
        for (String table : List.of("pro_workorder", "pro_task")) mesDb().update("UPDATE " + table + " SET update_time = ?", Timestamp.valueOf(now.minusHours(2)));
        assertThat(run("mes").succeeded()).isTrue();
        assertThat((BigDecimal) crmView("C001").get("peak_line_load")).isEqualByComparingTo("1.5");      // (16 + 8) / 16 on T

        // T becomes a holiday: no shift starts on T, so WO1 keeps only T+1 08:00-12:00 (4 h) and WO2 (T 12:00-20:00) none.
        new CustomerViewSourceWriter(mesDb()).mesHolidays(List.<Object[]>of(
                new Object[] {2, Timestamp.valueOf(t.atStartOfDay()), "HOLIDAY", Timestamp.valueOf(now)}));
        RunSummary holiday = run("mes");
        assertThat(holiday.succeeded()).as(holiday.error()).isTrue();
        assertThat(holiday.count("customers-touched")).isEqualTo(1);                                    // every customer with open orders
        assertThat(holiday.count("views-written")).isEqualTo(1);
        Map<String, Object> c = crmView("C001");
        assertThat((BigDecimal) c.get("peak_line_load")).isEqualByComparingTo("0.25");                  // 4 / 16 on T+1; T has no hours
        assertThat(((Number) c.get("open_orders")).intValue()).isEqualTo(2);
        assertThat(hub.queryForList("SELECT load_date, scheduled_hours FROM cv_line_load WHERE line_code = 'L1' ORDER BY load_date"))
                .extracting(r -> ((java.sql.Date) r.get("load_date")).toLocalDate() + "=" + ((Number) r.get("scheduled_hours")).doubleValue())
                .containsExactly(t.plusDays(1) + "=4.0");
    }

    @Test
    void incrementalRefreshDropsShipmentsThatLeftTheWindow() {
        run("k3");
        assertThat((BigDecimal) crmView("K001").get("min_cover_days")).isEqualByComparingTo("30.0");
        // 91 days later the shipment of 5 days ago is out of the 90-day window; its FMODIFYDATE has not moved.
        // Same as the window moving: the outstock's date goes back 86 days, its change column stays.
        k3Db().update("UPDATE T_SAL_OUTSTOCK SET FDATE = ? WHERE FID = 1", Timestamp.valueOf(today.minusDays(91).atStartOfDay()));
        RunSummary second = run("k3");
        assertThat(second.succeeded()).as(second.error()).isTrue();
        assertThat(second.count("views-written")).isEqualTo(1);
        assertThat(views.figures("K001").items()).isEmpty();                                      // K-200 no longer shipped in the window
        Map<String, Object> k = crmView("K001");
        assertThat(k.get("min_cover_days")).isNull();
        assertThat((BigDecimal) k.get("remaining_credit")).isEqualByComparingTo("800000");       // the rest unchanged
    }
}
