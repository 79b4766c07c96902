package io.etlhub.customerview;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The customer-view rules against figures worked out by hand in the comments. */
class CustomerViewRulesTest {
    // Line L1 works 08-16 and 16-24 (16 h a day); Saturday 14 March 2026 is a holiday.
    static final LineCalendar CALENDAR = new LineCalendar(
            Map.of("L1", List.of(new LineCalendar.Shift(LocalTime.of(8, 0), LocalTime.of(16, 0)),
                    new LineCalendar.Shift(LocalTime.of(16, 0), LocalTime.MIDNIGHT))),
            Set.of(LocalDate.of(2026, 3, 14)));
    // A: 12 Mar 08:00 - 13 Mar 12:00 = 16 h on the 12th, 4 h on the 13th. B: 12 Mar 12:00-20:00 = 8 h on the 12th.
    static final WorkOrder A = order("A", "C1", LocalDateTime.of(2026, 3, 12, 8, 0), LocalDateTime.of(2026, 3, 13, 12, 0),
            LocalDate.of(2026, 3, 13));
    static final WorkOrder B = order("B", "C1", LocalDateTime.of(2026, 3, 12, 12, 0), LocalDateTime.of(2026, 3, 12, 20, 0),
            LocalDate.of(2026, 3, 11));

    static WorkOrder order(String id, String customer, LocalDateTime start, LocalDateTime end, LocalDate promised) {
        return new WorkOrder(id, customer, "PO-" + id, "M100", "L1", start, end, new BigDecimal("100"), "RELEASED", promised);
    }

    @Test
    void lineLoadPerDayAndWeek() {
        LineLoad load = new LineLoad(CALENDAR, List.of(A, B));
        assertThat(CALENDAR.availableHours("L1", LocalDate.of(2026, 3, 12))).isEqualTo(16.0);
        assertThat(CALENDAR.availableHours("L1", LocalDate.of(2026, 3, 14))).isZero();
        assertThat(load.scheduledHours("L1", LocalDate.of(2026, 3, 12))).isEqualTo(24.0);
        assertThat(load.dayLoad("L1", LocalDate.of(2026, 3, 12))).isEqualTo(1.5);          // 24 / 16
        assertThat(load.dayLoad("L1", LocalDate.of(2026, 3, 13))).isEqualTo(0.25);         // 4 / 16
        assertThat(load.dayLoad("L1", LocalDate.of(2026, 3, 14))).isNull();                // holiday
        // Week 9-15 March: 28 h scheduled over 5 x 16 + 0 (holiday) + 16 = 96 h available.
        assertThat(load.weekLoad("L1", LocalDate.of(2026, 3, 12))).isCloseTo(28.0 / 96.0, within(1e-9));
        assertThat(load.freeHours("L1", LocalDate.of(2026, 3, 12))).isZero();
        assertThat(load.freeHours("L1", LocalDate.of(2026, 3, 13))).isEqualTo(12.0);
    }

    @Test
    void lineLoadIsTheSameWhateverTheOrderAndWhenADayIsWorkedOutAlone() {
        // C: 12 Mar 20:20-23:40 = 3 h 20 min on the 12th; 20 minutes is no whole number of hundredths of an hour.
        WorkOrder c = order("C", "C2", LocalDateTime.of(2026, 3, 12, 20, 20), LocalDateTime.of(2026, 3, 12, 23, 40), null);
        LineLoad forward = new LineLoad(CALENDAR, List.of(A, B, c)), backward = new LineLoad(CALENDAR, List.of(c, B, A));
        LocalDate d12 = LocalDate.of(2026, 3, 12);
        // 16 + 8 + 3 1/3 = 27 1/3 h, summed as minutes: 1,640 / 60.
        assertThat(forward.scheduledHours("L1", d12)).isEqualTo(1640 / 60.0).isEqualTo(backward.scheduledHours("L1", d12));
        assertThat(forward.peakLoad("L1", LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 14))).isEqualTo(1640 / 60.0 / 16);
        assertThat(forward.peakLoad("L1", LocalDate.of(2026, 3, 14), LocalDate.of(2026, 3, 14))).isNull();  // the holiday only
        // B's load moved off the 12th: the load before, with the 12th as it was, still answers for the old figures.
        LineLoad without = new LineLoad(CALENDAR, List.of(A, c));
        LineLoad before = without.with(Map.of("L1", Map.of(d12, forward.scheduledHours("L1", d12))));
        assertThat(without.peakLoad("L1", d12, d12)).isEqualTo(1160 / 60.0 / 16);                      // 16 h + 3 1/3 h
        assertThat(before.peakLoad("L1", d12, d12)).isEqualTo(forward.peakLoad("L1", d12, d12));
        assertThat(before.weekLoad("L1", d12)).isEqualTo(forward.weekLoad("L1", d12));
    }

    @Test
    void aViewRowIsTheSameWhenOnlyItsTimesMoved() {
        Map<String, Object> stored = new java.util.LinkedHashMap<>();
        stored.put("customer-code", "C001");
        stored.put("schedule-start", java.sql.Timestamp.valueOf(LocalDateTime.of(2026, 3, 12, 8, 0)));
        stored.put("peak-line-load", new BigDecimal("1.5000"));
        stored.put("open-orders", 2);
        stored.put("schedule-stale", Boolean.FALSE);
        stored.put("cover-item", null);
        stored.put("schedule-as-of", java.sql.Timestamp.valueOf(LocalDateTime.of(2026, 3, 1, 0, 0)));
        stored.put("refreshed-at", java.sql.Timestamp.valueOf(LocalDateTime.of(2026, 3, 1, 0, 0)));
        Map<String, Object> row = new java.util.LinkedHashMap<>(stored);
        row.put("schedule-start", java.sql.Timestamp.valueOf(LocalDateTime.of(2026, 3, 12, 8, 0, 0, 400_000))); // below a millisecond
        row.put("peak-line-load", new BigDecimal("1.5"));
        row.put("open-orders", 2L);
        row.put("schedule-stale", 0);
        row.put("schedule-as-of", java.sql.Timestamp.valueOf(LocalDateTime.of(2026, 3, 2, 0, 0)));
        row.put("refreshed-at", java.sql.Timestamp.valueOf(LocalDateTime.of(2026, 3, 2, 0, 0)));
        assertThat(ViewRows.same(row, stored)).isTrue();
        assertThat(ViewRows.same(row, null)).isFalse();                                                    // no stored row yet
        row.put("peak-line-load", new BigDecimal("1.4999"));
        assertThat(ViewRows.same(row, stored)).isFalse();
        row.put("peak-line-load", new BigDecimal("1.5"));
        row.put("schedule-stale", 1);
        assertThat(ViewRows.same(row, stored)).isFalse();
        row.put("schedule-stale", 0);
        row.put("cover-item", "M100");
        assertThat(ViewRows.same(row, stored)).isFalse();
    }

    @Test
    void scheduleWindowAndLateRisk() {
        WorkOrder done = new WorkOrder("D", "C1", null, "M100", "L1", LocalDateTime.of(2026, 1, 1, 8, 0),
                LocalDateTime.of(2026, 4, 1, 8, 0), BigDecimal.ONE, "CLOSED", null);
        ScheduleWindow w = ScheduleWindow.of(List.of(A, B, done), List.of("RELEASED"));
        assertThat(w.start()).isEqualTo(LocalDateTime.of(2026, 3, 12, 8, 0));
        assertThat(w.end()).isEqualTo(LocalDateTime.of(2026, 3, 13, 12, 0));
        // B ends on the 12th, promised the 11th; A ends on the day promised.
        assertThat(w.lateRisk()).extracting(WorkOrder::id).containsExactly("B");
    }

    @Test
    void daysOfCoverAndSafetyStock() {
        // 900 shipped over 90 days = 10 a day; 350 available = 35.0 days; below the safety stock of 400.
        StockCover c = new StockCover("U8", "M100", new BigDecimal("350"), new BigDecimal("400"), new BigDecimal("900"), 90,
                new BigDecimal("108000"));
        assertThat(c.daysOfCover()).isEqualByComparingTo("35.0");
        assertThat(c.belowSafety()).isTrue();
        assertThat(c.unitPrice()).isEqualByComparingTo("120");
        assertThat(new StockCover("U8", "M1", BigDecimal.TEN, null, BigDecimal.ZERO, 90, null).daysOfCover()).isNull();
    }

    @Test
    void remainingCredit() {
        // 3,000,000 line - 80,000 open receivables - 50,000 in negotiation = 2,870,000.
        assertThat(new RemainingCredit(new BigDecimal("3000000"), new BigDecimal("80000"), new BigDecimal("50000")).remaining())
                .isEqualByComparingTo("2870000");
    }

    @Test
    void healthScoreWithBreakdown() {
        // 19 days quiet = 30; contract ends 1 May, within 3 months of 11 March = 20; 90 of 100 received = 0.9 x 40 = 36.
        HealthScore h = HealthScore.of(CustomerViewSettings.defaults().health(), LocalDate.of(2026, 3, 11),
                LocalDate.of(2026, 2, 20), LocalDate.of(2026, 5, 1), new BigDecimal("90"), new BigDecimal("100"));
        assertThat(h.score()).isEqualTo(86);
        assertThat(h.breakdownText()).isEqualTo("recency=30,contract=20,receipts=36");
        HealthScore quiet = HealthScore.of(CustomerViewSettings.defaults().health(), LocalDate.of(2026, 3, 11),
                LocalDate.of(2026, 1, 1), null, null, null);
        assertThat(quiet.score()).isZero();
        HealthScore recent = HealthScore.of(CustomerViewSettings.defaults().health(), LocalDate.of(2026, 3, 11),
                LocalDate.of(2026, 3, 1), LocalDate.of(2027, 1, 1), new BigDecimal("120"), new BigDecimal("100"));
        assertThat(recent.breakdown()).containsEntry("recency", 60).containsEntry("contract", 0).containsEntry("receipts", 40);
    }

    @Test
    void quoteCheckBuildsTheShortfallInTheEarliestWindow() {
        LineLoad load = new LineLoad(CALENDAR, List.of(A, B));
        // 500 wanted, 200 in stock: 300 to build at 10 an hour = 30 h. Free from the 12th: 0 (full), 13th 12 h,
        // 14th holiday, 15th 16 h (28), 16th 16 h (44 >= 30): window 13-16 March, in time for the 18th.
        QuoteCheck.Answer a = QuoteCheck.check("M100", new BigDecimal("500"), LocalDate.of(2026, 3, 18), LocalDate.of(2026, 3, 11),
                new BigDecimal("200"), List.of(new QuoteCheck.LineRate("L1", 10)), load, 60, new BigDecimal("60000"),
                new BigDecimal("2870000"));
        assertThat(a.stockCovers()).isFalse();
        assertThat(a.shortfall()).isEqualByComparingTo("300");
        assertThat(a.window()).isEqualTo(new QuoteCheck.Window("L1", LocalDate.of(2026, 3, 13), LocalDate.of(2026, 3, 16), 30.0));
        assertThat(a.onTime()).isTrue();
        assertThat(a.creditCovers()).isTrue();
        assertThat(a.ok()).isTrue();
        assertThat(a.reasons()).extracting(Reason::key).containsExactly("quote.stock.short", "quote.line.window", "quote.credit.covers");

        QuoteCheck.Answer late = QuoteCheck.check("M100", new BigDecimal("500"), LocalDate.of(2026, 3, 15), LocalDate.of(2026, 3, 11),
                new BigDecimal("200"), List.of(new QuoteCheck.LineRate("L1", 10)), load, 60, new BigDecimal("3000000"),
                new BigDecimal("2870000"));
        assertThat(late.onTime()).isFalse();
        assertThat(late.creditCovers()).isFalse();
        assertThat(late.ok()).isFalse();

        QuoteCheck.Answer fromStock = QuoteCheck.check("M100", new BigDecimal("150"), null, LocalDate.of(2026, 3, 11),
                new BigDecimal("200"), List.of(), load, 60, null, new BigDecimal("1"));
        assertThat(fromStock.stockCovers()).isTrue();
        assertThat(fromStock.reasons()).extracting(Reason::key).containsExactly("quote.stock.covers", "quote.credit.no-amount");
    }
}
