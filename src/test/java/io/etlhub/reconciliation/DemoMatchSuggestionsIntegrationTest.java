package io.etlhub.reconciliation;

import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.DemoData;
import io.etlhub.demo.K3ReceiptWriter;
import io.etlhub.demo.U8ReceiptWriter;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.Trigger;
import io.etlhub.reconciliation.ReconciliationReport.Suggestion;
import io.etlhub.reconciliation.ReconciliationReport.UnmatchedReceipt;
import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The demo's October unmatched receipts through the real receipts routes and reconciliation: one receipt with one clear
 * candidate, one with an ambiguous pair, one with none (DemoData's fixed suggestion cases, the last three customers).
 */
class DemoMatchSuggestionsIntegrationTest extends HubIntegrationTest {
    @Autowired
    RouteRunner runner;
    @Autowired
    ReconciliationService service;

    @Test
    void theDemoHasAClearCandidateAnAmbiguousPairAndNone() {
        DemoData demo = new DemoData(20261123, 20);
        demo.writeTo(new CrmWriter(crmDb()), new U8ReceiptWriter(u8Db()), new K3ReceiptWriter(k3Db()));
        for (String route : List.of("receipts-u8", "receipts-k3")) {
            assertThat(runner.run(route, Trigger.MANUAL, "test", Map.of()).status()).as(route).isEqualTo("SUCCEEDED");
        }
        List<CrmWriter.Customer> customers = demo.customers();
        String clear = customers.get(20).erpCode(), pair = customers.get(21).erpCode(), none = customers.get(22).erpCode();
        List<String> clearOpps = numbersOf(demo, 21), pairOpps = numbersOf(demo, 22);

        ReconciliationReport october = service.report(Period.of("2026-10", null, null));

        // 86400.00 paid on the planned day; the customer's other opportunity is owed 150000.00: 0.7 x 1 + 0.3 x 1
        assertThat(receiptOf(october, clear).suggestions()).extracting(Suggestion::opportunityNos, Suggestion::score,
                Suggestion::ambiguous, Suggestion::split).containsExactly(tuple(List.of(clearOpps.get(0)), new BigDecimal("1.0000"), false, false));
        // 43200.00 paid on 10-22; both opportunities are owed 43200.00 (planned 10-20 and 10-25): ranked by date
        // (0.7 + 0.3 x 28/30 = 0.9800, 0.7 + 0.3 x 27/30 = 0.9700), both marked for a person to decide
        assertThat(receiptOf(october, pair).suggestions()).extracting(s -> s.opportunityNos().get(0), Suggestion::score,
                Suggestion::ambiguous).containsExactly(tuple(pairOpps.get(0), new BigDecimal("0.9800"), true),
                tuple(pairOpps.get(1), new BigDecimal("0.9700"), true));
        // 55555.00 against the 120000.00 it is owed: nothing within 50.00
        assertThat(receiptOf(october, none).suggestions()).isEmpty();
    }

    private static UnmatchedReceipt receiptOf(ReconciliationReport report, String customerCode) {
        List<UnmatchedReceipt> found = report.unmatched().stream().filter(u -> customerCode.equals(u.customerCode())).toList();
        assertThat(found).as("unmatched receipts of " + customerCode).hasSize(1);
        return found.get(0);
    }

    private static List<String> numbersOf(DemoData demo, long customerId) {
        return demo.opportunities().stream().filter(o -> o.customerId() == customerId).map(CrmWriter.Opp::number).sorted().toList();
    }
}
