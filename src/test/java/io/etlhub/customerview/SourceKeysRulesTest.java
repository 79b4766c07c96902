package io.etlhub.customerview;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The code rule and the figures' rules for messy source values, worked out by hand. */
class SourceKeysRulesTest {
    @Test
    void aCodeIsTrimmedOfSpacesAndUpperCaseLikeTheSqlTheSourceIsAskedFor() {
        assertThat(SourceKeys.normal(" c001  ")).isEqualTo("C001");
        assertThat(SourceKeys.normal("C001")).isEqualTo("C001");
        assertThat(SourceKeys.normal("m-100a")).isEqualTo("M-100A");
        assertThat(SourceKeys.normal("   ")).isNull();
        assertThat(SourceKeys.normal(null)).isNull();
        // LTRIM/RTRIM remove spaces only, and UPPER keeps the length: so does the rule in Java.
        assertThat(SourceKeys.normal("\tA1")).isEqualTo("\tA1");
        assertThat(SourceKeys.normal("straße")).isEqualTo("STRAßE");

        Figure.Field item = Figure.STOCK.keys.get(0), order = Figure.WORK_ORDERS.keys.get(0), day = Figure.HOLIDAYS.keys.get(0);
        assertThat(SourceKeys.sql(item, "s.cInvCode")).isEqualTo("UPPER(LTRIM(RTRIM(s.cInvCode)))");
        assertThat(SourceKeys.sql(order, "t.task_id")).isEqualTo("t.task_id");                     // an id keeps its index
        assertThat(SourceKeys.sql(day, "h.the_day")).isEqualTo("h.the_day");
        assertThat(SourceKeys.isCode(Figure.WORK_ORDERS.field("customer"))).isTrue();
        assertThat(SourceKeys.isCode(Figure.WORK_ORDERS.field("state"))).isFalse();
        assertThat(SourceKeys.isCode(Figure.WORK_ORDERS.field("customer-ref"))).isFalse();
    }

    @Test
    void withoutACreditLineTheCreditLeftIsUnknownNotWorkedOutFromZero() {
        assertThat(new RemainingCredit(null, new BigDecimal("80000"), new BigDecimal("50000")).remaining()).isNull();
        assertThat(new RemainingCredit(BigDecimal.ZERO, new BigDecimal("80000"), null).remaining()).isEqualByComparingTo("-80000");
        assertThat(new RemainingCredit(new BigDecimal("1000000"), null, new BigDecimal("50000")).remaining()).isEqualByComparingTo("950000");
    }

    @Test
    void oversoldStockHasNoCoverAndIsBelowSafety() {
        // -20 available, 9 shipped over 90 days (0.1 a day): 0 days, not -200.
        StockCover oversold = new StockCover("U8", "P300", new BigDecimal("-20"), new BigDecimal("5"), new BigDecimal("9"), 90, null);
        assertThat(oversold.daysOfCover()).isEqualByComparingTo("0.0");
        assertThat(oversold.belowSafety()).isTrue();
        // No safety stock set (NULL): never below it.
        StockCover noSafety = new StockCover("U8", "N200", new BigDecimal("10"), null, new BigDecimal("90"), 90, null);
        assertThat(noSafety.daysOfCover()).isEqualByComparingTo("10.0");
        assertThat(noSafety.belowSafety()).isFalse();
    }
}
