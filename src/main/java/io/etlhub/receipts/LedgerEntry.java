package io.etlhub.receipts;

import io.etlhub.crm.Opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One receipt document in the hub's ledger: the document as last read, and what of it is in the
 * CRM now ({@code appliedAmount} on {@code opportunityId}, in the opportunity's currency).
 */
public record LedgerEntry(
        String system,
        String documentId,
        String routeId,
        String documentNo,
        LocalDate documentDate,
        String customerCode,
        String currency,
        BigDecimal exchangeRate,
        BigDecimal amount,
        BigDecimal localAmount,
        String memo,
        String sourceVersion,
        String contentHash,
        State state,
        String reason,
        String reasonDetail,
        Long opportunityId,
        String opportunityNo,
        BigDecimal appliedAmount,
        String appliedCurrency,
        String manualOpportunityNo,
        LocalDateTime firstSeenAt,
        LocalDateTime updatedAt) {

    public enum State { APPLIED, UNMATCHED, DISMISSED, REVERSED }

    /** Reasons a document was reversed (state REVERSED). */
    public static final String DELETED = "DELETED";
    public static final String UNAUDITED = "UNAUDITED";

    public boolean isApplied() { return state == State.APPLIED && opportunityId != null; }

    /**
     * The ledger entry for a document as read now, before deciding where it goes. The currency is kept
     * as its ISO code (K3's PRE001 is CNY); only a currency without one keeps the ERP's text.
     */
    static LedgerEntry of(ReceiptDocument doc, String routeId, LedgerEntry previous, LocalDateTime now) {
        return new LedgerEntry(doc.system(), doc.documentId(), routeId, doc.documentNo(), doc.documentDate(),
                doc.customerCode(), doc.currency() != null ? doc.currency() : doc.currencyRaw(), doc.exchangeRate(), doc.amount(), doc.localAmount(), doc.memo(),
                doc.version(), doc.contentHash(), State.UNMATCHED, null, null, null, null, BigDecimal.ZERO, null,
                previous == null ? null : previous.manualOpportunityNo(),
                previous == null ? now : previous.firstSeenAt(), now);
    }

    /** Rebuilds the document from what the ledger kept, for decisions made without the ERP (finance assigning). */
    ReceiptDocument asDocument(String isoCurrency) {
        return new ReceiptDocument(system, documentId, documentNo, documentDate, customerCode, currency, isoCurrency,
                exchangeRate, amount, localAmount, memo, sourceVersion, true,
                amount == null ? "no amount recorded" : null);
    }

    /** Applied; a warning (reason and detail) stays on the entry, e.g. a confirmed customer mismatch. */
    LedgerEntry applied(Opportunity opp, BigDecimal amount, String warningReason, String warning) {
        return new LedgerEntry(system, documentId, routeId, documentNo, documentDate, customerCode, currency, exchangeRate,
                this.amount, localAmount, memo, sourceVersion, contentHash, State.APPLIED, warningReason, warning, opp.id(), opp.number(),
                amount, opp.currency(), manualOpportunityNo, firstSeenAt, updatedAt);
    }

    LedgerEntry notApplied(State newState, String newReason, String detail) {
        return new LedgerEntry(system, documentId, routeId, documentNo, documentDate, customerCode, currency, exchangeRate,
                amount, localAmount, memo, sourceVersion, contentHash, newState, newReason, detail, null, null,
                BigDecimal.ZERO, null, manualOpportunityNo, firstSeenAt, updatedAt);
    }

    LedgerEntry withManualOpportunity(String number, LocalDateTime now) {
        return new LedgerEntry(system, documentId, routeId, documentNo, documentDate, customerCode, currency, exchangeRate,
                amount, localAmount, memo, sourceVersion, contentHash, state, reason, reasonDetail, opportunityId,
                opportunityNo, appliedAmount, appliedCurrency, number, firstSeenAt, now);
    }

    /** The same entry showing another currency text (an ERP name or id from before the ledger kept ISO codes). */
    LedgerEntry withCurrency(String iso) {
        return new LedgerEntry(system, documentId, routeId, documentNo, documentDate, customerCode, iso, exchangeRate,
                amount, localAmount, memo, sourceVersion, contentHash, state, reason, reasonDetail, opportunityId,
                opportunityNo, appliedAmount, appliedCurrency, manualOpportunityNo, firstSeenAt, updatedAt);
    }

    LedgerEntry touched(LocalDateTime now) {
        return new LedgerEntry(system, documentId, routeId, documentNo, documentDate, customerCode, currency, exchangeRate,
                amount, localAmount, memo, sourceVersion, contentHash, state, reason, reasonDetail, opportunityId,
                opportunityNo, appliedAmount, appliedCurrency, manualOpportunityNo, firstSeenAt, now);
    }
}
