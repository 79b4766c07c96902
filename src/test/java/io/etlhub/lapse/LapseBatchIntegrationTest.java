package io.etlhub.lapse;

import io.etlhub.connector.debezium.ChangeRecord;
import io.etlhub.pipeline.RouteCatalog;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.HubIntegrationTest;
import org.apache.camel.CamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rhythm step's batch path (one hub transaction per poll of the capture engine, the members' visits
 * kept in memory between batches) on the tests' MariaDB: batches of change records as the capture hands
 * them to the route pos-lapse, in chosen orders, so what is in one batch is known.
 */
class LapseBatchIntegrationTest extends HubIntegrationTest {
    static final Schema LINE = SchemaBuilder.struct().name("t_rm_saleflow")
            .field("flow_no", Schema.STRING_SCHEMA).field("flow_id", Schema.INT32_SCHEMA).field("branch_no", Schema.STRING_SCHEMA)
            .field("item_no", Schema.STRING_SCHEMA).field("item_clsno", Schema.OPTIONAL_STRING_SCHEMA).field("sale_qnty", Schema.STRING_SCHEMA)
            .field("sale_money", Schema.STRING_SCHEMA).field("sell_way", Schema.STRING_SCHEMA).field("oper_date", Schema.STRING_SCHEMA).build();
    static final Schema PAYMENT = SchemaBuilder.struct().name("t_rm_payflow")
            .field("flow_no", Schema.STRING_SCHEMA).field("vip_no", Schema.OPTIONAL_STRING_SCHEMA).field("oper_date", Schema.STRING_SCHEMA).build();

    @Autowired
    LapseRhythmJob job;
    @Autowired
    RouteCatalog routes;
    @Autowired
    RouteRunner runner;
    @Autowired
    CamelContext camel;
    @Autowired
    Clock clock;

    LocalDate today;
    long position;

    @BeforeEach
    void today() {
        today = LocalDate.now(clock);
    }

    ChangeRecord change(String table, Struct row) {
        position++;
        return new ChangeRecord(table, "c", null, row, Map.of("table", table, "server_id", 1, "file", "bin.000001", "pos", position, "row", 0),
                "id=" + position, null, 0L, "pos");
    }

    ChangeRecord sale(String ticket, int line, String store, String item, String amount, LocalDate day) {
        return line(ticket, line, store, item, amount, "A", day);
    }

    ChangeRecord line(String ticket, int line, String store, String item, String amount, String sellWay, LocalDate day) {
        return change("t_rm_saleflow", new Struct(LINE).put("flow_no", ticket).put("flow_id", line).put("branch_no", store).put("item_no", item)
                .put("item_clsno", "C-" + item).put("sale_qnty", "1").put("sale_money", amount).put("sell_way", sellWay)
                .put("oper_date", day.toString()));
    }

    ChangeRecord payment(String ticket, String card, LocalDate day) {
        return change("t_rm_payflow", new Struct(PAYMENT).put("flow_no", ticket).put("vip_no", card).put("oper_date", day.toString()));
    }

    /** One poll of the capture: the changes in this order, one exchange. */
    void deliver(List<ChangeRecord> batch) throws Exception {
        DefaultExchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(batch);
        job.onEvent(routes.get("pos-lapse"), exchange);
    }

    void deliver(ChangeRecord... batch) throws Exception {
        deliver(List.of(batch));
    }

    long count(String sql, Object... args) {
        return hub.queryForObject(sql, Long.class, args);
    }

    Map<String, Object> member(String card) {
        return hub.queryForMap("SELECT home_store, first_day, last_day, visit_days FROM lapse_member WHERE card = ?", card);
    }

    @Test
    void aTicketsSaleReturnAndPaymentLinesComeInAnyOrderWithinABatchOrAcrossBatches() throws Exception {
        LocalDate day = today.minusDays(2);
        List<List<Integer>> orders = List.of(List.of(0, 1, 2), List.of(0, 2, 1), List.of(1, 0, 2), List.of(1, 2, 0), List.of(2, 0, 1),
                List.of(2, 1, 0));
        for (int i = 0; i < orders.size(); i++) {
            String ticket = "T" + i;
            List<ChangeRecord> lines = List.of(sale(ticket, 1, "0001", "SP-01", "35.00", day),
                    line(ticket, 2, "0001", "TEA-7", "12.00", "B", day), payment(ticket, "M" + i, day));
            List<ChangeRecord> batch = new ArrayList<>();
            for (int k : orders.get(i)) batch.add(lines.get(k));
            deliver(batch);
        }
        // The same ticket split over two batches: lines first, then the payment; and the payment first.
        deliver(sale("T6", 1, "0002", "RICE-5", "50.00", day), line("T6", 2, "0002", "TEA-7", "12.00", "B", day));
        assertThat(count("SELECT COUNT(*) FROM lapse_sale_line WHERE flow_no = 'T6' AND card IS NULL")).as("member not known yet").isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM lapse_member WHERE card = 'M6'")).isZero();
        java.sql.Timestamp beforePayment = java.sql.Timestamp.valueOf(java.time.LocalDateTime.now(clock).minusNanos(1_000_000));
        deliver(payment("T6", "M6", day));
        assertThat(count("SELECT COUNT(*) FROM lapse_sale_line WHERE flow_no = 'T6' AND captured_at >= ?", beforePayment))
                .as("lines given their member later count as captured then (the rebuild's catch-up reads it)").isEqualTo(2);
        deliver(payment("T7", "M7", day));
        deliver(line("T7", 2, "0002", "TEA-7", "12.00", "B", day), sale("T7", 1, "0002", "RICE-5", "50.00", day));

        for (int i = 0; i < 8; i++) {
            String card = "M" + i;
            String ticket = "T" + i;
            assertThat(count("SELECT COUNT(*) FROM lapse_sale_line WHERE flow_no = ? AND card = ?", ticket, card)).as(ticket).isEqualTo(2);
            assertThat(hub.queryForObject("SELECT SUM(amount) FROM lapse_sale_line WHERE card = ?", BigDecimal.class, card))
                    .as("%s: the return lowers spend", ticket).isEqualByComparingTo(i < 6 ? "23.00" : "38.00");
            assertThat(hub.queryForList("SELECT visit_day FROM lapse_visit WHERE card = ?", Date.class, card)).as("%s: the return is no visit", ticket)
                    .extracting(Date::toLocalDate).containsExactly(day);
            assertThat(member(card)).containsEntry("visit_days", 1).containsEntry("home_store", i < 6 ? "0001" : "0002");
        }
        assertThat(count("SELECT COUNT(*) FROM lapse_ticket_member")).isEqualTo(8);
    }

    @Test
    void twoSalesOfOneMemberInOneBatchAreTwoVisitsAndTheRebuildAgrees() throws Exception {
        deliver(sale("A1", 1, "0001", "SP-01", "35.00", today.minusDays(10)), payment("A1", "V1", today.minusDays(10)),
                sale("A2", 1, "0002", "SP-01", "35.00", today.minusDays(3)), payment("A2", "V1", today.minusDays(3)),
                sale("A3", 1, "0003", "RICE-5", "50.00", today.minusDays(3)), payment("A3", "V1", today.minusDays(3)));
        assertThat(count("SELECT COUNT(*) FROM lapse_visit WHERE card = 'V1'")).as("two stores on one day are two visits").isEqualTo(3);
        Map<String, Object> v1 = member("V1");
        assertThat(v1).as("three stores with one visit each: the later visit, then the smaller code").containsEntry("visit_days", 2)
                .containsEntry("home_store", "0002");
        assertThat(v1.get("first_day").toString()).isEqualTo(today.minusDays(10).toString());
        assertThat(v1.get("last_day").toString()).isEqualTo(today.minusDays(3).toString());

        // The next batch builds on the remembered visits.
        deliver(sale("A4", 1, "0001", "SP-01", "35.00", today.minusDays(1)), payment("A4", "V1", today.minusDays(1)),
                sale("A5", 1, "0001", "SP-01", "35.00", today), payment("A5", "V1", today));
        assertThat(member("V1")).containsEntry("visit_days", 4).containsEntry("home_store", "0001");

        String members = "SELECT card, tier, home_store, first_day, last_day, visit_days FROM lapse_member ORDER BY card";
        List<Map<String, Object>> batched = hub.queryForList(members);
        List<Map<String, Object>> visits = hub.queryForList("SELECT * FROM lapse_visit ORDER BY card, visit_day, store");
        runner.run("lapse-rebuild", Trigger.MANUAL, "test", Map.of());
        assertThat(hub.queryForList(members)).isEqualTo(batched);
        assertThat(hub.queryForList("SELECT * FROM lapse_visit ORDER BY card, visit_day, store")).isEqualTo(visits);

        // After the rebuild rewrote the member rows, the next batch reads them again and goes on from there.
        deliver(sale("A6", 1, "0002", "SP-01", "35.00", today), payment("A6", "V1", today));
        assertThat(member("V1")).containsEntry("visit_days", 4);
        assertThat(count("SELECT COUNT(*) FROM lapse_visit WHERE card = 'V1'")).isEqualTo(6);
    }

    @Test
    void theHubStoreStaysTheTruthForTheMembersKeptInMemory() throws Exception {
        deliver(sale("B1", 1, "0001", "SP-01", "35.00", today.minusDays(5)), payment("B1", "V2", today.minusDays(5)));
        assertThat(member("V2")).containsEntry("visit_days", 1);
        // Someone else rewrites the member in the store (another hub process, an admin): the next batch takes the store's word.
        hub.update("UPDATE lapse_member SET tier = 'vip', updated_at = CURRENT_TIMESTAMP(3) WHERE card = 'V2'");
        hub.update("DELETE FROM lapse_visit WHERE card = 'V2'");
        hub.update("INSERT INTO lapse_visit (card, visit_day, store) VALUES ('V2', ?, '0009')", Date.valueOf(today.minusDays(20)));
        deliver(sale("B2", 1, "0001", "SP-01", "35.00", today), payment("B2", "V2", today));
        assertThat(hub.queryForList("SELECT visit_day FROM lapse_visit WHERE card = 'V2' ORDER BY visit_day", Date.class))
                .extracting(Date::toLocalDate).containsExactly(today.minusDays(20), today);
        assertThat(hub.queryForObject("SELECT tier FROM lapse_member WHERE card = 'V2'", String.class)).isEqualTo("vip");
        assertThat(member("V2")).containsEntry("visit_days", 2);
    }

    @Test
    void aReturnAfterALongSilenceFiresOnceAndARedeliveredBatchDecidesNothingAgain() throws Exception {
        List<ChangeRecord> weekly = new ArrayList<>();
        for (int week = 9; week >= 0; week--) {
            LocalDate day = today.minusDays(40 + 7L * week);
            weekly.add(sale("W" + week, 1, "0001", "SP-01", "35.00", day));
            weekly.add(payment("W" + week, "V3", day));
        }
        deliver(weekly);
        assertThat(count("SELECT COUNT(*) FROM lapse_trigger")).as("each sale as of its own day: active").isZero();

        List<ChangeRecord> comeback = List.of(payment("R1", "V3", today), line("R1", 1, "0001", "SP-01", "35.00", "B", today));
        deliver(comeback);
        assertThat(hub.queryForList("SELECT card, episode_day, days_silent FROM lapse_trigger")).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("card", "V3").containsEntry("days_silent", 40));
        deliver(comeback);
        deliver(weekly);
        assertThat(count("SELECT COUNT(*) FROM lapse_trigger")).as("the same episode fires once").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM lapse_sale_line WHERE card = 'V3'")).isEqualTo(11);
        assertThat(member("V3")).containsEntry("visit_days", 10);
    }

    @Test
    void aFailureMidBatchRollsBackAllOfItAndTheRedeliveryDecidesEachSaleOnce() throws Exception {
        deliver(sale("F1", 1, "0001", "SP-01", "35.00", today.minusDays(60)), payment("F1", "V4", today.minusDays(60)));
        String tooLong = String.join("", Collections.nCopies(100, "X"));
        List<ChangeRecord> good = List.of(payment("F2", "V4", today.minusDays(1)), sale("F2", 1, "0002", "SP-01", "35.00", today.minusDays(1)),
                payment("F3", "V5", today), line("F3", 1, "0001", "SP-01", "35.00", "B", today));
        List<ChangeRecord> failing = new ArrayList<>(good);
        failing.add(2, sale("F4", 1, "0001", tooLong, "35.00", today)); // the item is longer than the hub's column
        String state = "SELECT (SELECT COUNT(*) FROM lapse_sale_line) + (SELECT COUNT(*) FROM lapse_ticket_member) * 100 "
                + "+ (SELECT COUNT(*) FROM lapse_visit) * 10000 + (SELECT SUM(visit_days) FROM lapse_member) * 1000000";
        long before = count(state);

        assertThatThrownBy(() -> deliver(failing)).hasMessageContaining("item");
        assertThat(count(state)).as("nothing of the failed batch stays: no line, ticket member, visit or member change").isEqualTo(before);
        assertThat(member("V4")).containsEntry("visit_days", 1);

        deliver(good);
        deliver(good);
        assertThat(member("V4")).as("the visit of the failed attempt was not kept in memory either").containsEntry("visit_days", 2);
        assertThat(count("SELECT COUNT(*) FROM lapse_visit WHERE card = 'V4'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM lapse_sale_line WHERE card IN ('V4', 'V5')")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM lapse_member WHERE card = 'V5'")).as("a return alone is no visit").isZero();
        assertThat(count("SELECT COUNT(*) FROM lapse_trigger")).isZero();
    }
}
