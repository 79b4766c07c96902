package io.etlhub.receipts;

import io.etlhub.connector.MappingCatalog;
import io.etlhub.crm.CrmOpportunities;
import io.etlhub.crm.Opportunity;
import io.etlhub.pipeline.AuditLog;
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
 * with who did it and in the audit log (assign, confirm a suggestion, dismiss; across customers also
 * RECEIPT_ASSIGN_OTHER_CUSTOMER), whichever entry point called.
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
    private final AuditLog audit;
    private final Clock clock;

    public UnmatchedReceipts(ReceiptLedger ledger, ReceiptBatches batches, CrmOpportunities crm, ReceiptMatcher matcher,
                             RouteCatalog routes, RouteLocks locks, MappingCatalog mappings, AuditLog audit, Clock clock) {
        this.ledger = ledger;
        this.batches = batches;
        this.crm = crm;
        this.matcher = matcher;
        this.routes = routes;
        this.locks = locks;
        this.mappings = mappings;
        this.audit = audit;
        this.clock = clock;
    }

    public List<LedgerEntry> list(boolean includeDismissed, int limit) {
        return shown(ledger.inStates(includeDismissed ? EnumSet.of(LedgerEntry.State.UNMATCHED, LedgerEntry.State.DISMISSED)
                : EnumSet.of(LedgerEntry.State.UNMATCHED), limit));
    }

    /**
     * The entries as finance sees them: a currency still in the ERP's words (entries written before the
     * ledger kept ISO codes, e.g. K3's PRE001) shown as its ISO code through the route's currency-codes.
     */
    public List<LedgerEntry> shown(List<LedgerEntry> entries) {
        Map<String, ReceiptSourceMapping> byRoute = new java.util.HashMap<>();
        return entries.stream().map(e -> {
            if (e.currency() == null || e.currency().matches("[A-Z]{3}")) return e;
            ReceiptSourceMapping mapping = byRoute.computeIfAbsent(e.routeId(), r -> displayMapping(e));
            String iso = mapping == null ? null : mapping.isoCurrency(e.currency());
            return iso == null ? e : e.withCurrency(iso);
        }).toList();
    }

    public LedgerEntry shown(LedgerEntry entry) {
        return entry == null ? null : shown(List.of(entry)).get(0);
    }

    public LedgerEntry assign(String system, String documentId, String opportunityNo, String actor, String note) {
        return assign(system, documentId, opportunityNo, actor, note, false);
    }

    /**
     * Applies an unmatched document to the opportunity finance names. An opportunity of another
     * customer is refused with {@link CustomerMismatchException} unless {@code confirmCustomerMismatch};
     * a confirmed one is applied with the mismatch on the ledger entry and recorded in the audit log.
     */
    public LedgerEntry assign(String system, String documentId, String opportunityNo, String actor, String note,
                              boolean confirmCustomerMismatch) {
        return assign(system, documentId, opportunityNo, actor, note, confirmCustomerMismatch, "RECEIPT_ASSIGN");
    }

    /** Reconciliation's suggestion confirmed by finance: applied like an assignment, audited as RECEIPT_CONFIRM_SUGGESTION. */
    public LedgerEntry confirmSuggestion(String system, String documentId, String opportunityNo, String actor, String note) {
        return assign(system, documentId, opportunityNo, actor, note, false, "RECEIPT_CONFIRM_SUGGESTION");
    }

    /** Every entry point (REST, console, reconciliation) comes here, so the audit entry is written here. */
    private LedgerEntry assign(String system, String documentId, String opportunityNo, String actor, String note,
                               boolean confirmCustomerMismatch, String auditAction) {
        LedgerEntry entry = require(system, documentId);
        String number = opportunityNo == null ? "" : opportunityNo.trim().toUpperCase(Locale.ROOT);
        return locks.withLock(entry.routeId(), 30, () -> {
            LedgerEntry current = require(system, documentId);
            ReceiptSourceMapping mapping = mapping(current);
            Map<String, Opportunity> found = crm.findByNumbers(List.of(number));
            CustomerCheck check = mapping.customerCheck() == CustomerCheck.OFF ? CustomerCheck.OFF
                    : confirmCustomerMismatch ? CustomerCheck.CONFIRMED : CustomerCheck.UNMATCHED;
            ReceiptMatch match = matcher.match(current.asDocument(mapping.isoCurrency(current.currency())), number, found, check);
            if (match instanceof ReceiptMatch.Unmatched u && u.reason() == UnmatchedReason.CUSTOMER_MISMATCH) {
                Opportunity opp = found.get(number);
                throw new CustomerMismatchException(current, opp, u.detail());
            }
            boolean acrossCustomers = match instanceof ReceiptMatch.Matched m && m.warningReason() == UnmatchedReason.CUSTOMER_MISMATCH;
            String why = acrossCustomers ? "assigned across customers, confirmed by " + actor : null;
            String fullNote = why == null ? note : note == null || note.isBlank() ? why : note + "; " + why;
            ReceiptDecision decision = ReceiptDecider.assign(current, number, match, fullNote, LocalDateTime.now(clock));
            batches.process(current.routeId(), null, List.of(decision), actor, null);
            if (acrossCustomers) {
                audit.record(actor, "RECEIPT_ASSIGN_OTHER_CUSTOMER", current.system() + " " + current.documentNo() + " (id "
                        + current.documentId() + ")", current.state() + " " + current.reason() + "; ERP customer " + current.customerCode(),
                        "APPLIED to " + number + " of ERP customer " + found.get(number).customerErpCode()
                                + (note == null || note.isBlank() ? "" : "; " + note));
            }
            LedgerEntry after = ledger.get(system, documentId);
            audit.record(actor, auditAction, target(current), state(current), after.state().name().toLowerCase(Locale.ROOT) + " " + number
                    + (note == null || note.isBlank() ? "" : "; " + note));
            return shown(after);
        });
    }

    /** The ledger state (and reason) in the audit log's words: lower case, as data, not a label to translate. */
    private static String state(LedgerEntry e) {
        return (e.state() + (e.reason() == null ? "" : " " + e.reason())).toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String target(LedgerEntry e) {
        return e.system() + " " + e.documentNo() + " (id " + e.documentId() + ")";
    }

    public LedgerEntry dismiss(String system, String documentId, String actor, String note) {
        if (note == null || note.isBlank()) throw new io.etlhub.pipeline.Refusal("a reason is required to dismiss a receipt",
                "receipts.refused.noDismissReason", documentId);
        LedgerEntry entry = require(system, documentId);
        return locks.withLock(entry.routeId(), 30, () -> {
            LedgerEntry current = require(system, documentId);
            batches.process(current.routeId(), null, List.of(ReceiptDecider.dismiss(current, note, LocalDateTime.now(clock))),
                    actor, null);
            LedgerEntry after = ledger.get(system, documentId);
            audit.record(actor, "RECEIPT_DISMISS", target(current), state(current), after.state().name().toLowerCase(Locale.ROOT) + "; " + note);
            return shown(after);
        });
    }

    /** For showing only: a route or mapping removed since leaves the ERP's text as it is. */
    private ReceiptSourceMapping displayMapping(LedgerEntry entry) {
        try {
            return mapping(entry);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private ReceiptSourceMapping mapping(LedgerEntry entry) {
        String mappingId = routes.get(entry.routeId()).source().mapping();
        return mappings.read(mappingId, ReceiptSourceMapping.class);
    }

    private LedgerEntry require(String system, String documentId) {
        LedgerEntry e = ledger.get(system, documentId);
        if (e == null) throw new NoSuchReceiptException(system, documentId);
        return e;
    }

    /** An assignment to another customer's opportunity that finance has not confirmed (a 409 until confirmed). */
    public static class CustomerMismatchException extends io.etlhub.pipeline.Conflict {
        private final String receiptCustomer;
        private final String opportunityNo;
        private final String opportunityCustomer;

        CustomerMismatchException(LedgerEntry receipt, Opportunity opportunity, String detail) {
            super("receipt " + receipt.documentNo() + ": " + detail + "; send confirmCustomerMismatch: true to assign it anyway",
                    "receipts.assign.customer-mismatch", receipt.documentNo(), receipt.customerCode(), opportunity.number(),
                    opportunity.customerErpCode());
            this.receiptCustomer = receipt.customerCode();
            this.opportunityNo = opportunity.number();
            this.opportunityCustomer = opportunity.customerErpCode();
        }

        public String receiptCustomer() { return receiptCustomer; }

        public String opportunityNo() { return opportunityNo; }

        public String opportunityCustomer() { return opportunityCustomer; }
    }

    public static class NoSuchReceiptException extends io.etlhub.pipeline.Refusal {
        NoSuchReceiptException(String system, String documentId) {
            super("no receipt document " + system + "/" + documentId + " in the ledger", "receipts.refused.noReceipt", system, documentId);
        }
    }
}
