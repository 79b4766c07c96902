package io.etlhub.lapse;

import io.etlhub.connector.TableMapping;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sale lines read by the mapping's names: returns by sell_way, Debezium's time types, errors naming the row. */
class PosRowsTest {
    static final PosSaleMapping SIXUN = new PosSaleMapping("sixun",
            new TableMapping("t_rm_saleflow", Map.of("ticket", "flow_no", "line", "flow_id", "store", "branch_no", "item", "item_no",
                    "category", "item_clsno", "amount", "sale_money", "quantity", "sale_qnty", "sold-at", "oper_date", "sell-way", "sell_way")),
            new TableMapping("t_rm_payflow", Map.of("ticket", "flow_no", "card", "vip_no")), List.of("B"), null, null);

    Map<String, Object> row(String sellWay, Object amount, Object soldAt) {
        Map<String, Object> r = new HashMap<>();
        r.put("FLOW_NO", "F1");
        r.put("flow_id", 2);
        r.put("branch_no", "0001");
        r.put("item_no", "6901 ");
        r.put("item_clsno", "01");
        r.put("sale_money", amount);
        r.put("sale_qnty", new BigDecimal("2"));
        r.put("oper_date", soldAt);
        r.put("sell_way", sellWay);
        return r;
    }

    @Test
    void aReturnIsNegativeWhateverTheSignInThePos() {
        SaleLine sale = PosRows.line(SIXUN, PosRows.of(row("A", new BigDecimal("12.50"), Timestamp.valueOf("2026-11-20 21:30:00"))));
        assertThat(sale.isReturn()).isFalse();
        assertThat(sale.amount()).isEqualByComparingTo("12.50");
        assertThat(sale.item()).isEqualTo("6901");
        assertThat(sale.day()).isEqualTo(LocalDate.of(2026, 11, 20));
        for (String amount : List.of("12.50", "-12.50")) {
            SaleLine back = PosRows.line(SIXUN, PosRows.of(row("B", new BigDecimal(amount), Timestamp.valueOf("2026-11-21 10:00:00"))));
            assertThat(back.isReturn()).isTrue();
            assertThat(back.amount()).isEqualByComparingTo("-12.50");
            assertThat(back.quantity()).isEqualByComparingTo("-2");
        }
    }

    @Test
    void debeziumTimesAreWallClockCountsFrom1970() {
        long millis = 1_795_730_400_000L; // 2026-11-26T22:00 wall clock, counted as if UTC
        assertThat(PosRows.day(millis, "io.debezium.time.Timestamp", "w", "c")).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(PosRows.day(millis * 1000, "io.debezium.time.MicroTimestamp", "w", "c")).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(PosRows.day(20_000, "io.debezium.time.Date", "w", "c")).isEqualTo(LocalDate.ofEpochDay(20_000));
    }

    @Test
    void anUnreadableLineNamesThePosTicketLineAndColumn() {
        assertThatThrownBy(() -> PosRows.line(SIXUN, PosRows.of(row("A", "abc", Timestamp.valueOf("2026-11-20 21:30:00")))))
                .hasMessage("POS sixun, table t_rm_saleflow, ticket F1, line 2: column sale_money is not a number: 'abc'");
        assertThatThrownBy(() -> PosRows.line(SIXUN, PosRows.of(row("A", BigDecimal.ONE, null))))
                .hasMessage("POS sixun, table t_rm_saleflow, ticket F1, line 2: column oper_date (sold-at) is empty");
    }
}
