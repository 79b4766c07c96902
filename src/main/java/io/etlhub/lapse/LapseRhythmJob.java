package io.etlhub.lapse;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.IncrementalReader.Cursor;
import io.etlhub.connector.debezium.ChangeRecord;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rhythm step {@code etlhub:lapse-rhythm}. Fed by CDC ({@code from: etlhub-cdc:pos-cdc}), it takes
 * the new sale lines and payment lines as they come, one change or (with {@code batch=true}) each poll
 * of the capture engine: the lines into the rhythm ({@link RhythmBatch}), then the touched members'
 * triggers decided as of their sales' days, in one hub transaction. Run by a schedule with a
 * {@code source} (a POS without binlog), it polls the lines after the saved rising-column value (com_no)
 * instead, page by page, each page the same way with its watermark in one hub transaction.
 */
@Component
class LapseRhythmJob implements EventJob {
    private final PosMappings mappings;
    private final RhythmBatch batch;
    private final LapseTriggers triggers;
    private final ConnectorCatalog connectors;
    private final Watermarks watermarks;
    private final TransactionTemplate tx;

    LapseRhythmJob(PosMappings mappings, RhythmBatch batch, LapseTriggers triggers, ConnectorCatalog connectors, Watermarks watermarks,
                   PlatformTransactionManager tm) {
        this.mappings = mappings;
        this.batch = batch;
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
        Object body = exchange.getMessage().getBody();
        return body instanceof Struct || body instanceof List;
    }

    /**
     * One change ({@code etlhub-cdc:} one by one) or a poll's changes ({@code etlhub-cdc:...?batch=true}:
     * a list of ChangeRecord), into the rhythm and decided in one hub transaction (the consumer's, which
     * also remembers the changes' keys, when it holds one).
     */
    @Override
    public void onEvent(RouteDefinition route, Exchange exchange) {
        var m = exchange.getMessage();
        PosSaleMapping mapping = mappings.get(route.source().mapping());
        List<PosChange> changes = new ArrayList<>();
        if (m.getBody() instanceof List<?> batch) {
            for (Object o : batch) {
                ChangeRecord c = (ChangeRecord) o;
                PosChange change = change(route, mapping, c.operation(), String.valueOf(c.source().get("table")), c.after());
                if (change != null) changes.add(change);
            }
        } else {
            Map<?, ?> source = m.getHeader(DebeziumConstants.HEADER_SOURCE_METADATA, Map.class);
            PosChange change = change(route, mapping, m.getHeader(DebeziumConstants.HEADER_OPERATION, String.class),
                    source == null ? null : String.valueOf(source.get("table")), m.getBody(Struct.class));
            if (change != null) changes.add(change);
        }
        if (!changes.isEmpty()) tx.executeWithoutResult(s -> decide(changes, null));
    }

    /** A new sale line or payment line of the mapping's tables; null for what changes no rhythm. */
    private static PosChange change(RouteDefinition route, PosSaleMapping mapping, String op, String table, Struct after) {
        // POS lines are written once; a correction is a return line. Updates and deletes change no rhythm.
        if (!"c".equals(op) && !"r".equals(op)) return null;
        PosRows.Row row = PosRows.of(after);
        if (mapping.lines().table().equalsIgnoreCase(table)) return new PosChange.Line(PosRows.line(mapping, row));
        if (mapping.payments() != null && mapping.payments().table().equalsIgnoreCase(table)) {
            return new PosChange.Payment(mapping.pos(), PosRows.ticket(mapping, row), PosRows.ticketCard(mapping, row));
        }
        throw new IllegalArgumentException("route " + route.id() + ": change of table " + table + " is neither the lines ("
                + mapping.lines().table() + ") nor the payments of mapping " + route.source().mapping());
    }

    /**
     * The changes into the rhythm, then the trigger of each member they touched, in the caller's hub
     * transaction; counted into the run when there is one.
     */
    private void decide(List<PosChange> changes, RunContext run) {
        RhythmBatch.Applied applied = batch.apply(changes);
        long fired = triggers.decideAll(applied.members(), applied.daysByCard());
        if (run == null) return;
        if (applied.stored() > 0) run.count("stored", applied.stored());
        if (fired > 0) run.count("fired", fired);
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
            List<PosChange> changes = new ArrayList<>();
            for (Map<String, Object> r : rows) {
                PosRows.Row row = PosRows.of(r);
                SaleLine line = PosRows.line(mapping, row);
                String card = PosRows.text(row.value(CARD_ALIAS));
                changes.add(new PosChange.Line(line.card() == null && card != null && !card.isBlank() ? line.withCard(card) : line));
            }
            tx.executeWithoutResult(s -> {
                decide(changes, context);
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
