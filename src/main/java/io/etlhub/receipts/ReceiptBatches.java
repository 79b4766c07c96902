package io.etlhub.receipts;

import io.etlhub.crm.CrmOpportunities;
import io.etlhub.pipeline.FaultInjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Exactly once across two databases. A batch of decisions is (1) written to the hub store with
 * its per-opportunity effects as PENDING, in one hub transaction together with the watermark;
 * (2) applied to the CRM in one CRM transaction that also inserts the batch id into the CRM's
 * apply journal; (3) marked DONE. A crash after (1) leaves a PENDING batch that the next run
 * applies first; a crash after (2) finds the batch in the journal and only marks it DONE.
 */
@Component
public class ReceiptBatches {
    private final JdbcTemplate hub;
    private final TransactionTemplate hubTx;
    private final ReceiptLedger ledger;
    private final CrmOpportunities crm;
    private final FaultInjection faults;
    private final Clock clock;

    public ReceiptBatches(JdbcTemplate hub, TransactionTemplate hubTx, ReceiptLedger ledger, CrmOpportunities crm,
                          FaultInjection faults, Clock clock) {
        this.hub = hub;
        this.hubTx = hubTx;
        this.ledger = ledger;
        this.crm = crm;
        this.faults = faults;
        this.clock = clock;
    }

    /** Records, applies and completes one batch; {@code inSameHubTransaction} commits with the ledger (the watermark). */
    public void process(String routeId, Long runId, List<ReceiptDecision> decisions, String actor,
                        Runnable inSameHubTransaction) {
        String batchId = record(routeId, runId, decisions, actor, inSameHubTransaction);
        if (batchId == null) return;
        faults.reached("receipts.after-hub-commit");
        applyToCrm(batchId, routeId);
        faults.reached("receipts.after-crm-commit");
        complete(batchId);
    }

    /** Finishes batches a crashed run left PENDING. Returns how many. */
    public int resumePending(String routeId) {
        List<String> pending = hub.queryForList(
                "SELECT batch_id FROM receipt_batch WHERE route_id = ? AND state = 'PENDING' ORDER BY created_at, batch_id",
                String.class, routeId);
        for (String batchId : pending) {
            applyToCrm(batchId, routeId);
            complete(batchId);
        }
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
                var lastDates = ledger.lastPositiveReceiptDates(deltas.keySet());
                hub.update("INSERT INTO receipt_batch (batch_id, route_id, run_id, state, created_at) VALUES (?, ?, ?, 'PENDING', ?)",
                        batchId, routeId, runId, Timestamp.valueOf(now));
                List<Object[]> rows = new ArrayList<>();
                deltas.forEach((opp, delta) -> {
                    var last = lastDates.get(opp);
                    rows.add(new Object[] {batchId, opp, delta, last == null ? null : Date.valueOf(last)});
                });
                hub.batchUpdate("INSERT INTO receipt_batch_effect (batch_id, opportunity_id, delta_amount, last_receipt_date) "
                        + "VALUES (?, ?, ?, ?)", rows);
                recorded = batchId;
            }
            if (inSameHubTransaction != null) inSameHubTransaction.run();
            return recorded;
        });
    }

    private void applyToCrm(String batchId, String routeId) {
        List<CrmOpportunities.BatchEffect> effects = hub.query(
                "SELECT opportunity_id, delta_amount, last_receipt_date FROM receipt_batch_effect WHERE batch_id = ? ORDER BY opportunity_id",
                (rs, n) -> {
                    Date d = rs.getDate(3);
                    return new CrmOpportunities.BatchEffect(rs.getLong(1), rs.getBigDecimal(2), d == null ? null : d.toLocalDate());
                }, batchId);
        crm.apply(batchId, routeId, effects, LocalDateTime.now(clock));
    }

    private void complete(String batchId) {
        hub.update("UPDATE receipt_batch SET state = 'DONE', completed_at = ? WHERE batch_id = ?",
                Timestamp.valueOf(LocalDateTime.now(clock)), batchId);
    }
}
