package io.etlhub.receipts;

import io.etlhub.crm.Opportunity;
import io.etlhub.receipts.ReceiptDecision.Effect;
import io.etlhub.receipts.ReceiptDecision.Outcome;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReceiptDeciderTest {
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 1, 9, 0);
    private static final Opportunity A = new Opportunity(1, "OPP-2026-00001", "成交", "CNY", new BigDecimal("1000.00"), 1L, "C00001");
    private static final Opportunity B = new Opportunity(2, "OPP-2026-00002", "成交", "CNY", new BigDecimal("1000.00"), 1L, "C00001");

    private static ReceiptDocument doc(String amount, boolean audited) {
        BigDecimal a = new BigDecimal(amount);
        return new ReceiptDocument("U8", "7", "SK7", LocalDate.of(2026, 10, 1), "C1", "人民币", "CNY", BigDecimal.ONE, a, a,
                "memo", "42", audited, null);
    }

    private static ReceiptMatch to(Opportunity o, String amount) {
        return new ReceiptMatch.Matched(o, new BigDecimal(amount));
    }

    private static LedgerEntry appliedTo(Opportunity o, String amount) {
        ReceiptDocument d = doc(amount, true);
        return ReceiptDecider.decide(d, null, to(o, amount), "receipts-u8", NOW).next();
    }

    @Test
    void aNewDocumentIsAppliedWhole() {
        ReceiptDecision d = ReceiptDecider.decide(doc("300.00", true), null, to(A, "300.00"), "receipts-u8", NOW);
        assertThat(d.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(d.effects()).containsExactly(new Effect(1, new BigDecimal("300.00")));
        assertThat(d.next().appliedAmount()).isEqualByComparingTo("300.00");
    }

    @Test
    void anAppliedWarningStaysOnTheEntryAndItsEvent() {
        ReceiptMatch warned = new ReceiptMatch.Matched(A, new BigDecimal("300.00"), UnmatchedReason.CUSTOMER_MISMATCH, "paid by C2");
        ReceiptDecision d = ReceiptDecider.decide(doc("300.00", true), null, warned, "receipts-u8", NOW);
        assertThat(d.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(d.next().state()).isEqualTo(LedgerEntry.State.APPLIED);
        assertThat(d.next().reason()).isEqualTo("CUSTOMER_MISMATCH");
        assertThat(d.next().reasonDetail()).isEqualTo("paid by C2");
        assertThat(d.events()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("CUSTOMER_MISMATCH");
            assertThat(e.note()).isEqualTo("paid by C2");
        });
        // The ledger keeps the ISO currency, not the ERP's name for it.
        assertThat(d.next().currency()).isEqualTo("CNY");
    }

    @Test
    void theSameContentAgainChangesNothing() {
        LedgerEntry previous = appliedTo(A, "300.00");
        ReceiptDecision d = ReceiptDecider.decide(doc("300.00", true), previous, to(A, "300.00"), "receipts-u8", NOW);
        assertThat(d.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(d.next()).isNull();
        assertThat(d.effects()).isEmpty();
    }

    @Test
    void anEditAppliesOnlyTheDifference() {
        LedgerEntry previous = appliedTo(A, "300.00");
        ReceiptDecision d = ReceiptDecider.decide(doc("250.00", true), previous, to(A, "250.00"), "receipts-u8", NOW);
        assertThat(d.effects()).containsExactly(new Effect(1, new BigDecimal("-50.00")));
    }

    @Test
    void movingToAnotherOpportunityTakesItFromTheFirst() {
        LedgerEntry previous = appliedTo(A, "300.00");
        ReceiptDecision d = ReceiptDecider.decide(doc("300.00", true).withMemo("x"), previous, to(B, "300.00"), "receipts-u8", NOW);
        assertThat(d.effects()).containsExactly(new Effect(1, new BigDecimal("-300.00")), new Effect(2, new BigDecimal("300.00")));
    }

    @Test
    void unauditingReversesAndAnUnseenUnauditedDocumentIsIgnored() {
        LedgerEntry previous = appliedTo(A, "300.00");
        ReceiptDecision d = ReceiptDecider.decide(doc("300.00", false), previous, to(A, "300.00"), "receipts-u8", NOW);
        assertThat(d.outcome()).isEqualTo(Outcome.REVERSED);
        assertThat(d.effects()).containsExactly(new Effect(1, new BigDecimal("-300.00")));
        assertThat(d.next().reason()).isEqualTo(LedgerEntry.UNAUDITED);

        assertThat(ReceiptDecider.decide(doc("300.00", false), null, to(A, "300.00"), "receipts-u8", NOW).outcome())
                .isEqualTo(Outcome.IGNORED);
    }

    @Test
    void becomingUnmatchedReversesWhatWasApplied() {
        LedgerEntry previous = appliedTo(A, "300.00");
        ReceiptDecision d = ReceiptDecider.decide(doc("300.00", true).withMemo("nothing"), previous,
                new ReceiptMatch.Unmatched(UnmatchedReason.NO_NUMBER, "none"), "receipts-u8", NOW);
        assertThat(d.outcome()).isEqualTo(Outcome.UNMATCHED);
        assertThat(d.effects()).containsExactly(new Effect(1, new BigDecimal("-300.00")));
        assertThat(d.next().appliedAmount()).isZero();
    }

    @Test
    void aDeletionReversesOnceAndOnlyOnce() {
        LedgerEntry previous = appliedTo(A, "300.00");
        ReceiptDecision gone = ReceiptDecider.gone(previous, LedgerEntry.DELETED, "deleted", NOW);
        assertThat(gone.effects()).containsExactly(new Effect(1, new BigDecimal("-300.00")));
        assertThat(ReceiptDecider.gone(gone.next(), LedgerEntry.DELETED, "deleted", NOW).effects()).isEmpty();
    }

    @Test
    void anAppliedDocumentCannotBeAssignedOrDismissed() {
        LedgerEntry previous = appliedTo(A, "300.00");
        assertThatThrownBy(() -> ReceiptDecider.dismiss(previous, "no", NOW)).isInstanceOf(io.etlhub.pipeline.Refusal.class)
                .extracting(e -> ((io.etlhub.pipeline.Refusal) e).key()).isEqualTo("receipts.refused.dismissApplied");
        assertThatThrownBy(() -> ReceiptDecider.assign(previous, B.number(), to(B, "300.00"), "x", NOW))
                .isInstanceOf(io.etlhub.pipeline.Refusal.class)
                .extracting(e -> ((io.etlhub.pipeline.Refusal) e).key()).isEqualTo("receipts.refused.alreadyApplied");
    }
}
