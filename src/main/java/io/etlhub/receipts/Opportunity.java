package io.etlhub.receipts;

import java.math.BigDecimal;

/** The part of a CRM opportunity that receipts need. */
public record Opportunity(long id, String number, String stage, String currency, BigDecimal signedAmount, Long customerId) {}
