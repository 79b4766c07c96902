package io.etlhub.receipts;

import io.etlhub.connector.MappingCatalog;
import io.etlhub.pipeline.RouteCatalog;
import io.etlhub.pipeline.RouteLocks;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The finance queue: receipt documents that pay no known opportunity. Assigning one applies it
 * through the same batches as a route run (under the route's lock); every action is in receipt_event
 * with who did it.
 */
@Service
public class UnmatchedReceipts {
    private final ReceiptLedger ledger;
    private final ReceiptBatches batches;
    private final CrmOpportunities crm;
    private final ReceiptMatcher matcher;
    private final RouteCatalog routes;
    private final RouteLocks locks;
    private final MappingCatalog mappings;
    private final Clock clock;

    public UnmatchedReceipts(ReceiptLedger ledger, ReceiptBatches batches, CrmOpportunities crm, ReceiptMatcher matcher,
                             RouteCatalog routes, RouteLocks locks, MappingCatalog mappings, Clock clock) {
        this.ledger = ledger;
        this.batches = batches;
        this.crm = crm;
        this.matcher = matcher;
        this.routes = routes;
        this.locks = locks;
        this.mappings = mappings;
        this.clock = clock;
    }

    public List<LedgerEntry> list(boolean includeDismissed, int limit) {
        return ledger.inStates(includeDismissed ? EnumSet.of(LedgerEntry.State.UNMATCHED, LedgerEntry.State.DISMISSED)
                : EnumSet.of(LedgerEntry.State.UNMATCHED), limit);
    }

    public LedgerEntry assign(String system, String documentId, String opportunityNo, String actor, String note) {
        LedgerEntry entry = require(system, documentId);
        String number = opportunityNo == null ? "" : opportunityNo.trim().toUpperCase(Locale.ROOT);
        return locks.withLock(entry.routeId(), 30, () -> {
            LedgerEntry current = require(system, documentId);
            Map<String, Opportunity> found = crm.findByNumbers(List.of(number));
            ReceiptMatch match = matcher.match(current.asDocument(isoCurrency(current)), number, found);
            ReceiptDecision decision = ReceiptDecider.assign(current, number, match, note, LocalDateTime.now(clock));
            batches.process(current.routeId(), null, List.of(decision), actor, null);
            return ledger.get(system, documentId);
        });
    }

    public LedgerEntry dismiss(String system, String documentId, String actor, String note) {
        if (note == null || note.isBlank()) throw new IllegalArgumentException("a reason is required to dismiss a receipt");
        LedgerEntry entry = require(system, documentId);
        return locks.withLock(entry.routeId(), 30, () -> {
            LedgerEntry current = require(system, documentId);
            batches.process(current.routeId(), null, List.of(ReceiptDecider.dismiss(current, note, LocalDateTime.now(clock))),
                    actor, null);
            return ledger.get(system, documentId);
        });
    }

    private String isoCurrency(LedgerEntry entry) {
        String mappingId = routes.get(entry.routeId()).source().mapping();
        return mappings.read(mappingId, ReceiptSourceMapping.class).isoCurrency(entry.currency());
    }

    private LedgerEntry require(String system, String documentId) {
        LedgerEntry e = ledger.get(system, documentId);
        if (e == null) throw new NoSuchReceiptException(system, documentId);
        return e;
    }

    public static class NoSuchReceiptException extends RuntimeException {
        NoSuchReceiptException(String system, String documentId) {
            super("no receipt document " + system + "/" + documentId + " in the ledger");
        }
    }
}
