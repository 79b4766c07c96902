package io.etlhub.reconciliation;

import io.etlhub.reconciliation.SourceData.LedgerSums;
import io.etlhub.reconciliation.SourceData.Opp;

import java.math.BigDecimal;

/**
 * An opportunity's figures as they stood on the period's last day, so a closed period reads the same whenever it is
 * re-run. The CRM keeps only today's received and outstanding amounts; what the ledger applied from documents dated
 * after the period end is taken back out of them. Won means signed (won date) by the period end and not in a
 * no-receipt stage (lost, closed) on that day, per the CRM's stage history.
 */
record PeriodEndFigures(boolean won, BigDecimal erpReceived, BigDecimal crmReceived, BigDecimal outstanding,
                        BigDecimal handEdit) {

    static PeriodEndFigures of(Opp o, SourceData data) {
        LedgerSums sums = data.appliedByOpportunity().get(o.id());
        BigDecimal applied = sums == null ? Money.ZERO : Money.of(sums.applied());
        BigDecimal after = sums == null ? Money.ZERO : Money.of(sums.appliedAfterPeriod());
        BigDecimal crmNow = Money.of(o.received());
        boolean won = o.wonDate() != null && !o.wonDate().isAfter(data.period().to())
                && !data.noReceiptStages().contains(o.stageAtEnd());
        // CRM received now = ledger applied (all dates) + hand edits; at the period end = that minus what came later.
        return new PeriodEndFigures(won, applied.subtract(after), crmNow.subtract(after), Money.of(o.outstanding()).add(after),
                crmNow.subtract(applied));
    }
}
