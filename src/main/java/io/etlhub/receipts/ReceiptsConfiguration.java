package io.etlhub.receipts;

import io.etlhub.crm.CrmOpportunities;
import io.etlhub.crm.CrmSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ReceiptsConfiguration {
    @Bean
    ReceiptMatcher receiptMatcher(CrmOpportunities crm) {
        CrmSchema schema = crm.schema();
        return new ReceiptMatcher(
                new OpportunityNumberMatcher(schema.opportunityNumber().pattern(), schema.opportunityNumber().labels()),
                schema.noReceiptStages(), schema.localCurrency());
    }
}
