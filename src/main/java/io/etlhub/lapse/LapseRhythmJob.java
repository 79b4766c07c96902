package io.etlhub.lapse;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.IncrementalReader.Cursor;
import io.etlhub.pipeline.EventJob;
import io.etlhub.pipeline.RouteDefinition;
import io.etlhub.pipeline.RunContext;
import io.etlhub.pipeline.Watermarks;
import org.apache.camel.Exchange;
import org.apache.camel.component.debezium.DebeziumConstants;
import org.apache.kafka.connect.data.Struct;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;

/**
 * The rhythm step {@code etlhub:lapse-rhythm}. Fed by CDC ({@code from: etlhub-cdc:pos-cdc}), it takes
 * each new sale line or payment line as it comes: the line into the rhythm, then the member's trigger
 * decided as of the sale's day, in one hub transaction. Run by a schedule with a {@code source}
 * (a POS without binlog), it polls the lines after the saved rising-column value (com_no) instead,
 * page by page, each page with its watermark in one hub transaction.
 */
@Component
class LapseRhythmJob implements EventJob {
    private final PosMappings mappings;
    private final RhythmStore store;
    private final LapseTriggers triggers;
    private final ConnectorCatalog connectors;
    private final Watermarks watermarks;
    private final TransactionTemplate tx;

    LapseRhythmJob(PosMappings mappings, RhythmStore store, LapseTriggers triggers, ConnectorCatalog connectors, Watermarks watermarks,
                   PlatformTransactionManager tm) {
        this.mappings = mappings;
        this.store = store;
        this.triggers = triggers;
        this.connectors = connectors;
        this.watermarks = watermarks;
        this.tx = new TransactionTemplate(tm);
    }

    @Override
    public String kind() { return "lapse-rhythm"; }

    @Override
    public List<String> counters() { return List.of("read", "stored", "fired"); }

    @Override
    public void validate(RouteDefinition route) {
        if (route.source() == null || route.source().mapping() == null) {
            throw new IllegalArgumentException("etlhub:lapse-rhythm needs sourceMapping (a POS mapping of mappings/, e.g. sixun-pos)");
        }
        mappings.get(route.source().mapping());
    }

    @Override
    public boolean isEvent(Exchange exchange) {
        return exchange.getMessage().getBody() instanceof Struct;
    }

    @Override
    public void onEvent(RouteDefinition route, Exchange exchange) {
        var m = exchange.getMessage();
        String op = m.getHeader(DebeziumConstants.HEADER_OPERATION, String.class);
        // POS lines are written once; a correction is a return line. Updates and deletes change no rhythm.
        if (!"c".equals(op) && !"r".equals(op)) return;
        Map<?, ?> source = m.getHeader(DebeziumConstants.HEADER_SOURCE_METADATA, Map.class);
        String table = source == null ? null : String.valueOf(source.get("table"));
        PosSaleMapping mapping = mappings.get(route.source().mapping());
        PosRows.Row row = PosRows.of(m.getBody(Struct.class));
        if (mapping.lines().table().equalsIgnoreCase(table)) {
            SaleLine line = PosRows.line(mapping, row);
            tx.executeWithoutResult(s -> afterStored(store.record(line)));
        } else if (mapping.payments() != null && mapping.payments().table().equalsIgnoreCase(table)) {
            String card = PosRows.ticketCard(mapping, row);
            if (card == null) return;
            String ticket = PosRows.ticket(mapping, row);
            tx.executeWithoutResult(s -> {
                if (store.recordTicketMember(mapping.pos(), ticket, card) == null) return;
                java.time.LocalDate day = store.ticketDay(mapping.pos(), ticket);
                if (day != null) triggers.decide(card, day);
            });
        } else {
            throw new IllegalArgumentException("route " + route.id() + ": change of table " + table + " is neither the lines ("
                    + mapping.lines().table() + ") nor the payments of mapping " + route.source().mapping());
        }
    }

    /** A new line of a known member: the member's trigger as of the sale's day (a visit re-arms it; a return may fire). */
    private LapseTriggers.Decision afterStored(SaleLine stored) {
        if (stored == null || stored.card() == null) return null;
        return triggers.decide(stored.card(), stored.day());
    }

    @Override
    public void run(RouteDefinition route, RunContext context) {
        if (route.source().connector() == null) {
            throw new IllegalArgumentException("route " + route.id() + ": etlhub:lapse-rhythm polls the POS only with a source connector "
                    + "(a CDC route feeds it from etlhub-cdc: instead)");
        }
        PosSaleMapping mapping = mappings.get(route.source().mapping());
        var jdbc = connectors.jdbc(route.source().connector());
        int batch = 2000;
        String sql = pollSql(mapping, batch);
        while (true) {
            Cursor cursor = watermarks.load(route.id());
            String after = cursor.version() == null || cursor.version().isBlank() ? null : cursor.version();
            List<Map<String, Object>> rows = jdbc.queryForList(sql, after == null ? Long.MIN_VALUE : risingValue(after));
            if (rows.isEmpty()) return;
            context.count("read", rows.size());
            String rising = mapping.lines().col("rising");
            String last = PosRows.text(PosRows.of(rows.get(rows.size() - 1)).value(rising));
            tx.executeWithoutResult(s -> {
                for (Map<String, Object> r : rows) {
                    PosRows.Row row = PosRows.of(r);
                    SaleLine line = PosRows.line(mapping, row);
                    String card = PosRows.text(row.value(CARD_ALIAS));
                    SaleLine stored = store.record(line.card() == null && card != null && !card.isBlank() ? line.withCard(card) : line);
                    if (stored == null) continue;
                    context.count("stored", 1);
                    if (afterStored(stored) == LapseTriggers.Decision.FIRED) context.count("fired", 1);
                }
                watermarks.save(route.id(), new Cursor(last, null));
            });
            if (rows.size() < batch) return;
        }
    }

    private static final String CARD_ALIAS = "etlhub_member_card";

    /** Lines after the rising column's value, each with its ticket's member from the payment lines. */
    static String pollSql(PosSaleMapping m, int batch) {
        var l = m.lines();
        String card = m.payments() == null ? "NULL"
                : "(SELECT MAX(p." + m.payments().col("card") + ") FROM " + m.payments().table() + " p WHERE p." + m.payments().col("ticket")
                + " = s." + l.col("ticket") + " AND p." + m.payments().col("card") + " <> '')";
        return "SELECT s.*, " + card + " AS " + CARD_ALIAS + " FROM " + l.table() + " s WHERE s." + l.col("rising") + " > ? ORDER BY s."
                + l.col("rising") + " LIMIT " + batch;
    }

    private static Object risingValue(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return v;
        }
    }
}
