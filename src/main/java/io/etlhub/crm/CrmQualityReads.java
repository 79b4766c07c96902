package io.etlhub.crm;

import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Every CRM read of quality's data-health report, built here from mappings/crm.yml (read again when it changes) and
 * run in the CRM, set-based: quality asks for counts and ranked findings and turns them into its metrics.
 */
@Component
public class CrmQualityReads {
    private final Crm crm;

    CrmQualityReads(Crm crm) {
        this.crm = crm;
    }

    /** The lead checks with their thresholds: source placeholders, stale after hours, slow response after minutes. */
    public CrmLeadChecks leads(List<String> sourcePlaceholders, int staleHours, long slowMinutes) {
        return new CrmLeadChecks(crm.jdbc(), crm.dialect(), crm.table("lead"), sourcePlaceholders, staleHours, slowMinutes);
    }

    public CrmCustomerChecks customers() {
        // The change log may be unmapped when only the core-field rule runs.
        java.util.Map<String, io.etlhub.connector.TableMapping> tables = crm.schema().tables();
        return new CrmCustomerChecks(crm.jdbc(), crm.dialect(), crm.table("customer"), tables.get("customer-change-log"));
    }

    public CrmOpportunityChecks opportunities() {
        return new CrmOpportunityChecks(crm.jdbc(), crm.dialect(), crm.schema());
    }

    /** The CRM's stage history; mappings/crm.yml must map stage-history. */
    public CrmStageHistory stageHistory() {
        return new CrmStageHistory(crm.jdbc(), crm.dialect(), crm.schema());
    }
}
