package io.etlhub.quality;

import java.util.List;

/** The rules of the data-health report, in report order; each produces one metric and its findings. */
public enum QualityRule {
    STAGE_JUMP_RATE("stage-jump-rate"),
    STAGE_BACKWARD_RATE("stage-backward-rate"),
    STAGE_COMPLETENESS("stage-completeness"),
    BLANK_LEAD_SOURCE_RATE("blank-lead-source-rate"),
    RECEIPT_LAG_DAYS("receipt-lag-days"),
    OVERDUE_RECEIPTS("overdue-receipts"),
    LEAD_RESPONSE_HOURS("lead-response-hours"),
    STALE_LEADS_RATE("stale-leads-rate"),
    UNASSIGNED_LEADS("unassigned-leads"),
    CUSTOMER_UPDATE_FREQUENCY("customer-update-frequency"),
    CORE_FIELD_COMPLETENESS("core-field-completeness");

    private final String id;

    QualityRule(String id) { this.id = id; }

    public String id() { return id; }

    public static List<String> ids() { return java.util.Arrays.stream(values()).map(QualityRule::id).toList(); }
}
