package io.etlhub.receipts;

import io.etlhub.pipeline.Refusal;
import io.etlhub.receipts.LedgerEntry.State;
import io.etlhub.receipts.ReceiptDecision.Effect;
import io.etlhub.receipts.ReceiptDecision.Event;
import io.etlhub.receipts.ReceiptDecision.Outcome;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The receipt rules, free of I/O: given a document as it is now, what the ledger holds for it and
 * where it matches, decide what changes. An edit applies only the difference; a document that
 * moves to another opportunity leaves the first one; a deleted or un-audited document is reversed.
 */
public final class ReceiptDecider {
    private ReceiptDecider() {}

    /** A document read from the ERP now. */
    public static ReceiptDecision decide(ReceiptDocument doc, LedgerEntry previous, ReceiptMatch match,
                                         String routeId, LocalDateTime now) {
        if (!doc.audited()) {
            return gone(previous, LedgerEntry.UNAUDITED, "document is no longer audited", now);
        }
        boolean unchanged = previous != null && previous.state() != State.REVERSED
                && previous.contentHash().equals(doc.contentHash());
        if (unchanged) {
            return ReceiptDecision.nothing(previous, Outcome.UNCHANGED);
        }
        return route(LedgerEntry.of(doc, routeId, previous, now), previous, match, "APPLY", null);
    }

    /** Finance assigned an unmatched document to an opportunity; the match was made with that number. */
    public static ReceiptDecision assign(LedgerEntry previous, String opportunityNo, ReceiptMatch match,
                                         String note, LocalDateTime now) {
        if (previous.isApplied()) {
            throw new Refusal(previous.system() + " " + previous.documentNo() + " is already applied to "
                    + previous.opportunityNo(), "receipts.refused.alreadyApplied", previous.documentNo(), previous.opportunityNo());
        }
        if (match instanceof ReceiptMatch.Unmatched u) {
            throw new Refusal("cannot assign " + previous.documentNo() + " to " + opportunityNo + ": " + u.detail(),
                    "receipts.refused.unmatched", previous.documentNo(), opportunityNo, ReasonDetails.resolvable(u.reason().name(), u.detail()));
        }
        return route(previous.withManualOpportunity(opportunityNo, now), previous, match, "ASSIGN", note);
    }

    /**
     * An unchanged, unmatched document tried again because the CRM may have changed (the opportunity
     * was created, or reopened). Nothing happens unless it matches now.
     */
    public static ReceiptDecision rematch(LedgerEntry previous, ReceiptMatch match, LocalDateTime now) {
        if (previous.state() != State.UNMATCHED || !(match instanceof ReceiptMatch.Matched)) {
            return ReceiptDecision.nothing(previous, Outcome.UNCHANGED);
        }
        return route(previous.touched(now), previous, match, "APPLY", "matched on a later run: the CRM changed");
    }

    /** Finance decided a document pays no opportunity. */
    public static ReceiptDecision dismiss(LedgerEntry previous, String note, LocalDateTime now) {
        if (previous.isApplied()) {
            throw new Refusal(previous.system() + " " + previous.documentNo() + " is applied to "
                    + previous.opportunityNo() + "; it cannot be dismissed", "receipts.refused.dismissApplied", previous.documentNo(),
                    previous.opportunityNo());
        }
        LedgerEntry next = previous.touched(now).notApplied(State.DISMISSED, "DISMISSED", note);
        return new ReceiptDecision(previous, next, List.of(), Outcome.UNCHANGED,
                List.of(new Event("DISMISS", null, BigDecimal.ZERO, "DISMISSED", note)));
    }

    /** The document was deleted in the ERP, or is no longer audited. */
    public static ReceiptDecision gone(LedgerEntry previous, String why, String detail, LocalDateTime now) {
        if (previous == null) return ReceiptDecision.nothing(null, Outcome.IGNORED);
        if (previous.state() == State.REVERSED) return ReceiptDecision.nothing(previous, Outcome.UNCHANGED);
        LedgerEntry next = previous.touched(now).notApplied(State.REVERSED, why, detail);
        List<Effect> effects = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        if (previous.isApplied()) {
            effects.add(new Effect(previous.opportunityId(), previous.appliedAmount().negate()));
            events.add(new Event("REVERSE", previous.opportunityId(), previous.appliedAmount().negate(), why, detail));
        } else {
            events.add(new Event("WITHDRAW", null, BigDecimal.ZERO, why, detail));
        }
        return new ReceiptDecision(previous, next, effects, Outcome.REVERSED, events);
    }

    private static ReceiptDecision route(LedgerEntry base, LedgerEntry previous, ReceiptMatch match,
                                         String applyAction, String note) {
        List<Effect> effects = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        boolean wasApplied = previous != null && previous.isApplied();
        if (match instanceof ReceiptMatch.Matched m) {
            long target = m.opportunity().id();
            BigDecimal delta = m.amount();
            if (wasApplied && previous.opportunityId() == target) {
                delta = m.amount().subtract(previous.appliedAmount());
            } else if (wasApplied) {
                effects.add(new Effect(previous.opportunityId(), previous.appliedAmount().negate()));
                events.add(new Event("REVERSE", previous.opportunityId(), previous.appliedAmount().negate(), "MOVED",
                        "moved to " + m.opportunity().number()));
            }
            effects.add(new Effect(target, delta));
            String warningReason = m.warningReason() == null ? null : m.warningReason().name();
            String eventNote = m.warning() == null ? note : note == null ? m.warning() : note + "; " + m.warning();
            events.add(new Event(wasApplied && previous.opportunityId() == target ? "DELTA" : applyAction, target, delta,
                    warningReason, eventNote));
            return new ReceiptDecision(previous, base.applied(m.opportunity(), m.amount(), warningReason, m.warning()), effects,
                    Outcome.APPLIED, events);
        }
        ReceiptMatch.Unmatched u = (ReceiptMatch.Unmatched) match;
        if (wasApplied) {
            effects.add(new Effect(previous.opportunityId(), previous.appliedAmount().negate()));
            events.add(new Event("REVERSE", previous.opportunityId(), previous.appliedAmount().negate(), u.reason().name(), u.detail()));
        }
        events.add(new Event("UNMATCH", null, BigDecimal.ZERO, u.reason().name(), u.detail()));
        return new ReceiptDecision(previous, base.notApplied(State.UNMATCHED, u.reason().name(), u.detail()), effects,
                Outcome.UNMATCHED, events);
    }
}
