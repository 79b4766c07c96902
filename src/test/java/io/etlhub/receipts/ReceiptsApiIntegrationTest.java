package io.etlhub.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.U8ReceiptWriter;
import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;

import static io.etlhub.receipts.ReceiptFixtures.opp;
import static io.etlhub.receipts.ReceiptFixtures.receipt;
import static io.etlhub.receipts.ReceiptFixtures.received;
import static org.assertj.core.api.Assertions.assertThat;

/** The REST side of receipts: run a route on demand, list the unmatched queue, assign; roles enforced. */
class ReceiptsApiIntegrationTest extends HubIntegrationTest {
    @Autowired
    TestRestTemplate rest;

    @BeforeEach
    void seed() {
        ReceiptFixtures.customers(crmDb(), 1);
        new CrmWriter(crmDb()).insertOpportunities(List.of(opp(1, "成交", "CNY", "1000.00")));
        new U8ReceiptWriter(u8Db()).insert(List.of(receipt(1, "48", "2026-10-05", "人民币", 1.0, "OPP-2026-00001", "400.00"),
                receipt(2, "48", "2026-10-05", "人民币", 1.0, "货款", "600.00")));
    }

    @Test
    void adminRunsARouteFinanceAssignsTheUnmatchedReceipt() {
        ResponseEntity<JsonNode> run = rest.withBasicAuth("admin", ADMIN_PASSWORD)
                .postForEntity("/api/routes/receipts-u8/runs", null, JsonNode.class);
        assertThat(run.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(run.getBody().get("counts").get("applied").asInt()).isEqualTo(1);
        assertThat(run.getBody().get("counts").get("unmatched").asInt()).isEqualTo(1);

        HttpHeaders zh = new HttpHeaders();
        zh.set(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN");
        JsonNode queue = rest.withBasicAuth("finance", FINANCE_PASSWORD)
                .exchange("/api/receipts/unmatched", HttpMethod.GET, new HttpEntity<>(zh), JsonNode.class).getBody();
        assertThat(queue).hasSize(1);
        assertThat(queue.get(0).get("reason").asText()).isEqualTo("NO_NUMBER");
        assertThat(queue.get(0).get("reasonText").asText()).isEqualTo("备注中没有商机号");

        ResponseEntity<JsonNode> assigned = rest.withBasicAuth("finance", FINANCE_PASSWORD).postForEntity(
                "/api/receipts/unmatched/U8/2/assign", Map.of("opportunityNo", "OPP-2026-00001", "note", "电话确认"), JsonNode.class);
        assertThat(assigned.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(assigned.getBody().get("state").asText()).isEqualTo("APPLIED");
        assertThat(received(crmDb(), 1)).isEqualByComparingTo("1000.00");

        JsonNode history = rest.withBasicAuth("finance", FINANCE_PASSWORD).getForObject("/api/receipts/U8/2", JsonNode.class);
        assertThat(history.get("events").get(1).get("actor").asText()).isEqualTo("finance");
    }

    @Test
    void assigningToAnUnknownOpportunityIsRejectedWithTheReason() {
        rest.withBasicAuth("admin", ADMIN_PASSWORD).postForEntity("/api/routes/receipts-u8/runs", null, JsonNode.class);
        ResponseEntity<JsonNode> rejected = rest.withBasicAuth("finance", FINANCE_PASSWORD).postForEntity(
                "/api/receipts/unmatched/U8/2/assign", Map.of("opportunityNo", "OPP-2026-09999"), JsonNode.class);
        assertThat(rejected.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(rejected.getBody().get("error").asText()).contains("OPP-2026-09999");
    }

    @Test
    void rolesAreEnforced() {
        assertThat(rest.withBasicAuth("finance", FINANCE_PASSWORD).postForEntity("/api/routes/receipts-u8/runs", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("ops", OPS_PASSWORD).getForEntity("/api/receipts/unmatched", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.getForEntity("/api/receipts/unmatched", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        // open to the load balancer without a login; a failed run shows in /actuator/health, not in readiness
        assertThat(rest.getForEntity("/actuator/health/readiness", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode()).isNotEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
