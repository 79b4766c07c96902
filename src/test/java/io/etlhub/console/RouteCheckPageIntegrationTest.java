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
        JsonNode check = new ObjectMapper().readTree(rest.withBasicAuth("admin", ADMIN_PASSWORD).getForObject("/api/check?lang=en", String.class));
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
                    .contains("连接 crm: 表 crm_lead 没有列 lead_source：请添加该列，或在 mappings/ 中改正列名");
        } finally {
            crmDb().execute("ALTER TABLE crm_lead ADD COLUMN lead_source VARCHAR(60) AFTER customer_name");
        }
        assertThat(rest.withBasicAuth("ops", OPS_PASSWORD).getForEntity("/api/check", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }
}
