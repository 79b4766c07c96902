package io.etlhub.crm;

import java.math.BigDecimal;

/**
 * The part of a CRM opportunity that receipts need; {@code customerErpCode} is its CRM customer's ERP
 * customer code (null when the customer has none or mappings/crm.yml maps no erp-code).
 */
public record Opportunity(long id, String number, String stage, String currency, BigDecimal signedAmount, Long customerId,
                          String customerErpCode) {}
