package io.etlhub.customerview;

import java.math.BigDecimal;

/** Credit left = credit line - open receivables (ERP) - open opportunities in negotiation (CRM). */
public record RemainingCredit(BigDecimal creditLine, BigDecimal openReceivables, BigDecimal pipeline) {
    @com.fasterxml.jackson.annotation.JsonProperty
    public BigDecimal remaining() {
        return nz(creditLine).subtract(nz(openReceivables)).subtract(nz(pipeline));
    }

    private static BigDecimal nz(BigDecimal v) { return v == null ? BigDecimal.ZERO : v; }
}
