package io.etlhub.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/check and the routes page's check section, for admins only. */
class RouteCheckPageIntegrationTest extends HubIntegrationTest {
    @Autowired
    TestRestTemplate rest;

    @Test
    void theApiAnswersOneEntryPerCheckAndTheRoutesPageShowsThem() throws Exception {
        JsonNode check = new ObjectMapper().readTree(rest.withBasicAuth("admin", ADMIN_PASSWORD).getForObject("/api/check", String.class));
        assertThat(check.get("ok").asBoolean()).as(check.toPrettyString()).isTrue();
        assertThat(check.get("lines")).anySatisfy(l -> {
            assertThat(l.get("status").asText()).isEqualTo("OK");
            assertThat(l.get("subject").asText()).isEqualTo("connector crm");
            assertThat(l.get("message").asText()).isEqualTo("table etlhub_apply_journal has the 3 mapped columns");
        });

        crmDb().execute("ALTER TABLE crm_lead DROP COLUMN lead_source");
        try {
            String page = rest.withBasicAuth("admin", ADMIN_PASSWORD).getForObject("/console/routes/check", String.class);
            assertThat(page).contains("id=\"check-results\"").contains("发现 1 个问题")
                    .contains("table crm_lead has no column lead_source: add it or correct the column name in mappings/");
        } finally {
            crmDb().execute("ALTER TABLE crm_lead ADD COLUMN lead_source VARCHAR(60) AFTER customer_name");
        }
        assertThat(rest.withBasicAuth("ops", OPS_PASSWORD).getForEntity("/api/check", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }
}
