package io.etlhub.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.receipts.UnmatchedReceipts;
import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** /api/reconciliation over HTTP as finance: levels with drill-down, suggestions, confirm (audited), roles. */
class ReconciliationApiIntegrationTest extends HubIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    RouteRunner runner;
    @Autowired
    UnmatchedReceipts queue;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void load() {
        GoldenDataset.load(crmDb(), u8Db(), k3Db(), runner, queue);
    }

    HttpResponse<String> get(String path, String user, String password) throws Exception {
        return http.send(request(path, user, password).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Object body) throws Exception {
        return http.send(request(path, "finance", FINANCE_PASSWORD).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path, String user, String password) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Basic " + auth);
    }

    @Test
    void summaryAndDrillDownFromCustomerToOpportunities() throws Exception {
        HttpResponse<String> summary = get("/api/reconciliation?period=2026-10", "finance", FINANCE_PASSWORD);
        assertThat(summary.statusCode()).isEqualTo(200);
        JsonNode control = json.readTree(summary.body()).get("control");
        assertThat(control.get("erpReceipts").decimalValue()).isEqualByComparingTo("66924.44");
        assertThat(control.get("balanced").asBoolean()).isTrue();

        JsonNode opps = json.readTree(get("/api/reconciliation/opportunities?period=2026-10&customer=C00002", "finance", FINANCE_PASSWORD).body());
        assertThat(opps).extracting(o -> o.get("opportunityNo").asText())
                .containsExactly("OPP-2026-00005", "OPP-2026-00006", "OPP-2026-00007");

        JsonNode diffs = json.readTree(get("/api/reconciliation/differences?period=2026-10&opportunity=OPP-2026-00005", "finance",
                FINANCE_PASSWORD).body());
        assertThat(diffs).extracting(d -> d.get("difference").get("reason").asText()).containsExactlyInAnyOrder("CRM_EDITED", "PARTIAL_PAYMENT");
        assertThat(diffs).extracting(d -> d.get("reasonText").asText()).contains("CRM已回款金额被手工修改（与收款台账不一致）");
        assertThat(diffs).extracting(d -> d.get("detailText").asText()).contains("CRM已回款 3500.00，收款台账 3000.00");

        assertThat(get("/api/reconciliation?period=2026-10", "ops", OPS_PASSWORD).statusCode()).isEqualTo(403);
        assertThat(get("/api/reconciliation?period=10-2026", "finance", FINANCE_PASSWORD).statusCode()).isEqualTo(422);
    }

    @Test
    void confirmingASuggestionAppliesItOnceThroughTheReceiptsQueue() throws Exception {
        long auditBefore = lastAuditId();
        Map<String, Object> body = Map.of("system", "U8", "documentId", "11", "documentDate", "2026-10-15",
                "opportunityNo", "OPP-2026-00007", "note", "客户来电确认");
        HttpResponse<String> confirmed = post("/api/reconciliation/suggestions/confirm", body);

        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(json.readTree(confirmed.body()).get("state").asText()).isEqualTo("APPLIED");
        assertThat(crmDb().queryForObject("SELECT received_amount FROM crm_opportunity WHERE id = 7", BigDecimal.class))
                .isEqualByComparingTo("12000.00");
        Map<String, Object> event = hub.queryForMap("SELECT action, actor, note, amount_delta FROM receipt_event "
                + "WHERE source_system = 'U8' AND document_id = '11' AND action = 'ASSIGN'");
        assertThat(event.get("actor")).isEqualTo("finance");
        assertThat((String) event.get("note")).contains("reconciliation suggestion, score 1.0000").contains("客户来电确认");

        // audited once, by the receipts queue, as a confirmed suggestion
        assertThat(hub.queryForList("SELECT CONCAT(actor, ' ', action, ' ', target) FROM audit_log WHERE action LIKE 'RECEIPT%' AND id > ?", String.class,
                auditBefore))
                .containsExactly("finance RECEIPT_CONFIRM_SUGGESTION U8 " + documentNo("11") + " (id 11)");

        // a second confirm finds no unmatched receipt and changes nothing
        assertThat(post("/api/reconciliation/suggestions/confirm", body).statusCode()).isEqualTo(422);
        assertThat(crmDb().queryForObject("SELECT received_amount FROM crm_opportunity WHERE id = 7", BigDecimal.class))
                .isEqualByComparingTo("12000.00");
        // the control total still balances: 12000.00 moved from unmatched to matched
        JsonNode control = json.readTree(get("/api/reconciliation?period=2026-10", "finance", FINANCE_PASSWORD).body()).get("control");
        assertThat(control.get("matched").decimalValue()).isEqualByComparingTo("55074.44");
        assertThat(control.get("unmatched").decimalValue()).isEqualByComparingTo("11600.00");
        assertThat(control.get("balanced").asBoolean()).isTrue();
    }

    /** Assign and dismiss over REST are audited by the queue that performs them (issue 14, security). */
    @Test
    void assignAndDismissAreAuditedWhateverTheEntryPoint() throws Exception {
        long auditBefore = lastAuditId(); // the golden data's own dismissal is before
        HttpResponse<String> assigned = post("/api/receipts/unmatched/U8/11/assign", Map.of("opportunityNo", "OPP-2026-00007", "note", "电话确认"));
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        HttpResponse<String> dismissed = post("/api/receipts/unmatched/U8/12/dismiss", Map.of("note", "重复收款"));
        assertThat(dismissed.statusCode()).as(dismissed.body()).isEqualTo(200);
        Map<String, Object> another = hub.queryForMap("SELECT source_system, document_id FROM receipt_ledger WHERE state = 'UNMATCHED' "
                + "ORDER BY document_id LIMIT 1");
        // the service itself, as the CLI or a future entry point would call it
        queue.dismiss((String) another.get("source_system"), (String) another.get("document_id"), "cli-user", "service call");

        List<Map<String, Object>> audit = hub.queryForList("SELECT actor, action, target, before_value, after_value FROM audit_log "
                + "WHERE action LIKE 'RECEIPT%' AND id > ? ORDER BY id", auditBefore);
        assertThat(audit).extracting(a -> a.get("actor") + " " + a.get("action"))
                .containsExactly("finance RECEIPT_ASSIGN", "finance RECEIPT_DISMISS", "cli-user RECEIPT_DISMISS");
        assertThat((String) audit.get(0).get("target")).isEqualTo("U8 " + documentNo("11") + " (id 11)");
        assertThat((String) audit.get(0).get("before_value")).startsWith("unmatched");
        assertThat((String) audit.get(0).get("after_value")).isEqualTo("applied OPP-2026-00007; 电话确认");
        assertThat((String) audit.get(1).get("after_value")).isEqualTo("dismissed; 重复收款");
    }

    private long lastAuditId() {
        return hub.queryForObject("SELECT COALESCE(MAX(id), 0) FROM audit_log", Long.class);
    }

    private String documentNo(String documentId) {
        return hub.queryForObject("SELECT document_no FROM receipt_ledger WHERE source_system = 'U8' AND document_id = ?", String.class, documentId);
    }

    @Test
    void splitsAndNonSuggestionsAreRefused() throws Exception {
        HttpResponse<String> split = post("/api/reconciliation/suggestions/confirm", Map.of("system", "U8", "documentId", "12",
                "documentDate", "2026-10-15", "opportunityNo", "OPP-2026-00008"));
        assertThat(split.statusCode()).isEqualTo(422);
        // the sentence in the reader's language (zh-CN without Accept-Language), the code the same in every language
        JsonNode splitAnswer = json.readTree(split.body());
        assertThat(splitAnswer.get("code").asText()).isEqualTo("reconciliation.refused.split");
        assertThat(splitAnswer.get("error").asText()).startsWith("商机 OPP-2026-00008 只是收款单").doesNotContain("split suggestion");
        Map<String, String> notSuggested = Map.of("system", "U8", "documentId", "11", "documentDate", "2026-10-15",
                "opportunityNo", "OPP-2026-00001");
        HttpResponse<String> other = post("/api/reconciliation/suggestions/confirm", notSuggested);
        assertThat(other.statusCode()).isEqualTo(422);
        JsonNode otherAnswer = json.readTree(other.body());
        assertThat(otherAnswer.get("code").asText()).isEqualTo("reconciliation.refused.notSuggested");
        assertThat(otherAnswer.get("error").asText()).contains("OPP-2026-00001").contains("不是").doesNotContain("is not a suggestion");
        HttpResponse<String> english = http.send(request("/api/reconciliation/suggestions/confirm", "finance", FINANCE_PASSWORD)
                .header("Content-Type", "application/json").header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(notSuggested))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(english.statusCode()).isEqualTo(422);
        assertThat(json.readTree(english.body()).get("code").asText()).isEqualTo("reconciliation.refused.notSuggested");
        assertThat(json.readTree(english.body()).get("error").asText()).startsWith("Opportunity OPP-2026-00001 is not a suggestion for receipt");
        assertThat(hub.queryForObject("SELECT state FROM receipt_ledger WHERE document_id IN ('11', '12') GROUP BY state", String.class))
                .isEqualTo("UNMATCHED");
    }
}
