package io.etlhub.receipts;

/** Why a receipt document was not applied to an opportunity. The message key is receipts.reason.<name>. */
public enum UnmatchedReason {
    NO_NUMBER,
    MULTIPLE_NUMBERS,
    UNKNOWN_OPPORTUNITY,
    OPPORTUNITY_CLOSED,
    CURRENCY,
    INVALID_DOCUMENT,
    /** The receipt's ERP customer is not the opportunity's customer (through the CRM customer's ERP code). */
    CUSTOMER_MISMATCH
}
