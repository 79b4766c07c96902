package io.etlhub.reconciliation;

/**
 * The fixed list of reasons a figure differs. The text is reconciliation.reason.&lt;name&gt; in
 * i18n/reconciliation*.properties; the rules are in {@link ReasonRules} and docs/reconciliation.md. There is no
 * timing reason: a closed period is computed as at its last day, so receipts dated later are in none of its figures.
 */
public enum Reason {
    UNMATCHED,
    NOT_WON,
    PARTIAL_PAYMENT,
    REVERSAL,
    EDITED_AFTER_APPLY,
    DELETED_AFTER_APPLY,
    ROUNDING,
    PAID_WITHOUT_RECEIPT,
    CRM_EDITED,
    CUSTOMER_NOT_IN_CRM,
    CUSTOMER_MISMATCH,
    DISMISSED,
    INVALID_DOCUMENT,
    OPPORTUNITY_DELETED
}
