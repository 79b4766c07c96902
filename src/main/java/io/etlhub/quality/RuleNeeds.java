package io.etlhub.quality;

import java.util.ArrayList;
import java.util.List;

/** The CRM tables and columns each rule reads, as logical "table.field" names of mappings/crm.yml. */
final class RuleNeeds {
    private static final List<String> LEAD = List.of("lead.id", "lead.number", "lead.owner", "lead.created-at");
    private static final List<String> CUSTOMER = List.of("customer.id", "customer.name", "customer.owner", "customer.created-at");

    private RuleNeeds() {}

    /** stageFromCrm: the stage rules read the CRM's history table (otherwise the hub's captured one). */
    static List<String> of(QualityRule rule, QualitySettings settings, boolean stageFromCrm) {
        return switch (rule) {
            case STAGE_JUMP_RATE, STAGE_BACKWARD_RATE, STAGE_COMPLETENESS -> stageFromCrm
                    ? List.of("stage-history.opportunity-id", "stage-history.from-stage", "stage-history.to-stage",
                    "stage-history.changed-at", "opportunity.id", "opportunity.number", "opportunity.owner")
                    : List.of();
            case BLANK_LEAD_SOURCE_RATE -> plus(LEAD, "lead.source");
            case LEAD_RESPONSE_HOURS, STALE_LEADS_RATE -> plus(LEAD, "lead.first-follow-up-at");
            case UNASSIGNED_LEADS -> LEAD;
            case RECEIPT_LAG_DAYS -> List.of("opportunity.id", "opportunity.owner");
            case OVERDUE_RECEIPTS -> List.of("opportunity.id", "opportunity.number", "opportunity.owner", "opportunity.stage",
                    "opportunity.planned-receipt-date", "opportunity.received-amount", "opportunity.signed-amount",
                    "opportunity.currency");
            case CUSTOMER_UPDATE_FREQUENCY -> plus(CUSTOMER, "customer-change-log.customer-id", "customer-change-log.changed-at");
            case CORE_FIELD_COMPLETENESS -> plus(CUSTOMER,
                    settings.customerCoreFields().stream().map(f -> "customer." + f).toArray(String[]::new));
        };
    }

    private static List<String> plus(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }
}
