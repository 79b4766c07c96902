package io.etlhub.receipts;

import io.etlhub.connector.RowBatches;
import io.etlhub.crm.CrmOpportunities;
import io.etlhub.pipeline.FaultInjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Exactly once across two databases. A batch of decisions is (1) written to the hub store with
 * its per-opportunity effects as PENDING, in one hub transaction together with the watermark;
 * (2) applied to the CRM in one CRM transaction that also inserts the batch id into the CRM's
 * apply journal; (3) marked DONE. A run records many batches and applies them together once per
 * commit interval (2 and 3 then cover all of them: their effects summed per opportunity, one
 * journal row per batch id). A crash after (1) leaves PENDING batches that the next run applies
 * first; a crash after (2) finds the batches in the journal and only marks them DONE.
 */
@Component
public class ReceiptBatches {
    private final JdbcTemplate hub;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate hubTx;
    private final ReceiptLedger ledger;
    private final CrmOpportunities crm;
    private final FaultInjection faults;
    private final Clock clock;

    public ReceiptBatches(JdbcTemplate hub, TransactionTemplate hubTx, ReceiptLedger ledger, CrmOpportunities crm,
                          FaultInjection faults, Clock clock) {
        this.hub = hub;
        this.named = new NamedParameterJdbcTemplate(hub);
        this.hubTx = hubTx;
        this.ledger = ledger;
        this.crm = crm;
        this.faults = faults;
        this.clock = clock;
    }

    /** Records, applies and completes one batch; {@code inSameHubTransaction} commits with the ledger (the watermark). */
    public void process(String routeId, Long runId, List<ReceiptDecision> decisions, String actor,
                        Runnable inSameHubTransaction) {
        String batchId = recordPending(routeId, runId, decisions, actor, inSameHubTransaction);
        if (batchId != null) applyPending(routeId, List.of(batchId));
    }

    /**
     * Step 1 alone: records the batch in the hub store as PENDING (with the watermark when given) and
     * returns its id, or null when it moves no opportunity. The caller applies it later with
     * {@link #applyPending}, together with the other batches of its commit interval.
     */
    public String recordPending(String routeId, Long runId, List<ReceiptDecision> decisions, String actor,
                                Runnable inSameHubTransaction) {
        String batchId = record(routeId, runId, decisions, actor, inSameHubTransaction);
        if (batchId != null) faults.reached("receipts.after-hub-commit");
        return batchId;
    }

    /**
     * Steps 2 and 3 for many PENDING batches at once: their effects, summed per opportunity, in one CRM
     * transaction whose journal lists every one of their ids; then all of them DONE. Batches the journal
     * already lists are only marked DONE.
     */
    public void applyPending(String routeId, List<String> batchIds) {
        if (batchIds.isEmpty()) return;
        crm.apply(batchIds, routeId, this::summedEffects, LocalDateTime.now(clock));
        faults.reached("receipts.after-crm-commit");
        complete(batchIds);
    }

    /** Finishes batches a crashed run left PENDING, in one CRM transaction. Returns how many. */
    public int resumePending(String routeId) {
        List<String> pending = hub.queryForList(
                "SELECT batch_id FROM receipt_batch WHERE route_id = ? AND state = 'PENDING' ORDER BY created_at, batch_id",
                String.class, routeId);
        applyPending(routeId, pending);
        return pending.size();
    }

    private String record(String routeId, Long runId, List<ReceiptDecision> decisions, String actor,
                          Runnable inSameHubTransaction) {
        LocalDateTime now = LocalDateTime.now(clock);
        return hubTx.execute(status -> {
            String batchId = UUID.randomUUID().toString();
            ledger.write(decisions, batchId, actor, now);
            Map<Long, BigDecimal> deltas = new LinkedHashMap<>();
            for (ReceiptDecision d : decisions) {
                for (ReceiptDecision.Effect e : d.effects()) deltas.merge(e.opportunityId(), e.delta(), BigDecimal::add);
            }
            String recorded = null;
            if (!deltas.isEmpty()) {
                hub.update("INSERT INTO receipt_batch (batch_id, route_id, run_id, state, created_at, effects) "
                        + "VALUES (?, ?, ?, 'PENDING', ?, ?)", batchId, routeId, runId, Timestamp.valueOf(now), BatchEffects.write(deltas));
                recorded = batchId;
            }
            if (inSameHubTransaction != null) inSameHubTransaction.run();
            return recorded;
        });
    }

    /**
     * The batches' deltas summed per opportunity, each with its last receipt date as the ledger holds it
     * now: the ledger already has every recorded batch, and all of them that are not DONE are applied together.
     */
    private List<CrmOpportunities.BatchEffect> summedEffects(List<String> batchIds) {
        Map<Long, BigDecimal> deltas = new TreeMap<>();
        List<String> asRows = new ArrayList<>();
        for (int from = 0; from < batchIds.size(); from += 500) {
            named.query("SELECT batch_id, effects FROM receipt_batch WHERE batch_id IN (:ids)",
                    new MapSqlParameterSource("ids", batchIds.subList(from, Math.min(batchIds.size(), from + 500))), rs -> {
                        String text = rs.getString(2);
                        if (text == null) asRows.add(rs.getString(1));
                        else BatchEffects.addTo(text, deltas);
                    });
        }
        // Batches an older hub recorded (before hub migration 30.1) have their effects as rows.
        for (int from = 0; from < asRows.size(); from += 500) {
            named.query("SELECT opportunity_id, SUM(delta_amount) FROM receipt_batch_effect WHERE batch_id IN (:ids) GROUP BY opportunity_id",
                    new MapSqlParameterSource("ids", asRows.subList(from, Math.min(asRows.size(), from + 500))),
                    rs -> { deltas.merge(rs.getLong(1), rs.getBigDecimal(2), BigDecimal::add); });
        }
        Map<Long, LocalDate> lastDates = ledger.lastPositiveReceiptDates(deltas.keySet());
        List<CrmOpportunities.BatchEffect> effects = new ArrayList<>(deltas.size());
        deltas.forEach((opp, delta) -> effects.add(new CrmOpportunities.BatchEffect(opp, delta, lastDates.get(opp))));
        return effects;
    }

    private void complete(List<String> batchIds) {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
        for (List<String> chunk : RowBatches.chunks(batchIds, RowBatches.IN_LIST)) {
            named.update("UPDATE receipt_batch SET state = 'DONE', completed_at = :now WHERE batch_id IN (:ids)",
                    new MapSqlParameterSource("now", now).addValue("ids", chunk));
        }
    }
}
