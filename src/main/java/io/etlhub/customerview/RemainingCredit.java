package io.etlhub.customerview;

import java.math.BigDecimal;

/**
 * Credit left = credit line - open receivables (ERP) - open opportunities in negotiation (CRM). Without a credit
 * line (the ERP has none for the customer, or NULL) the credit left is unknown (null), never worked out from 0.
 */
public record RemainingCredit(BigDecimal creditLine, BigDecimal openReceivables, BigDecimal pipeline) {
    @com.fasterxml.jackson.annotation.JsonProperty
    public BigDecimal remaining() {
        if (creditLine == null) return null;
        return creditLine.subtract(nz(openReceivables)).subtract(nz(pipeline));
    }

    private static BigDecimal nz(BigDecimal v) { return v == null ? BigDecimal.ZERO : v; }
}
