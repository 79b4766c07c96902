package io.etlhub.crm;

import io.etlhub.connector.TableMapping;

import java.util.List;
import java.util.Map;

/**
 * The typed view of mappings/crm.yml: which connector reaches the CRM, its tables and columns by
 * logical name, and the CRM's conventions (opportunity number format, stages, status values).
 */
public record CrmSchema(
        String connector,
        String localCurrency,
        OpportunityNumber opportunityNumber,
        List<String> noReceiptStages,
        Map<String, String> receiptStatusValues,
        Map<String, TableMapping> tables) {

    public record OpportunityNumber(String pattern, List<String> labels) {}

    public TableMapping table(String name) {
        TableMapping t = tables == null ? null : tables.get(name);
        if (t == null) throw new IllegalStateException("mappings/crm.yml has no table '" + name + "'");
        return t;
    }

    public String statusValue(String status) {
        String v = receiptStatusValues == null ? null : receiptStatusValues.get(status);
        if (v == null) throw new IllegalStateException("mappings/crm.yml receipt-status-values has no '" + status + "'");
        return v;
    }
}
