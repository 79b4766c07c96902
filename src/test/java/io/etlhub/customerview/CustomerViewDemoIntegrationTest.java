package io.etlhub.customerview;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's "done when" on the demo as shipped (embedded H2 U8/K3 in SQL Server mode, MES in MySQL mode,
 * seeded, the customer-view routes run once at start): the console's customer page shows the three figure
 * groups with their sources and as-of times, and the API answers a quote check.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ETLHUB_ADMIN_PASSWORD=demo-test-pw",
        "camel.main.name=etl-hub-demo-customer-view-test",
        "camel.component.quartz.auto-start-scheduler=false",
        "etlhub.console.watch-files=false"})
@DirtiesContext
class CustomerViewDemoIntegrationTest {
    @DynamicPropertySource
    static void freshDemo(DynamicPropertyRegistry registry) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("etlhub-demo-c360");
        registry.add("etlhub.demo.data-dir", dir::toString);
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    io.etlhub.pipeline.RouteRunner runner;
    @Autowired
    io.etlhub.connector.ConnectorCatalog connectors;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate hub;

    @Test
    void theDemoCustomerPageShowsScheduleStockAndCreditWithSources() {
        // C00003: a K3 customer (odd) with a MES work order (every third customer).
        String page = rest.withBasicAuth("admin", "demo-test-pw").getForObject("/console/customers/C00003?lang=en", String.class);
        assertThat(page).contains("Production schedule (MES)").contains("Source MES, as of").contains("Source K3, as of")
                .contains("Production window:").doesNotContain("No source yet").doesNotContain("Stale");
        // The customers list (side navigation) finds it by code and links to its page.
        String list = rest.withBasicAuth("admin", "demo-test-pw").getForObject("/console/customers?q=c00003&lang=en", String.class);
        assertThat(list).contains("id=\"nav-customers\"").contains("href=\"/console/customers/C00003\"").contains("1–1 of 1");
        String u8 = rest.withBasicAuth("admin", "demo-test-pw").getForObject("/console/customers/C00002?lang=zh_CN", String.class);
        assertThat(u8).contains("来源 U8，截至");
        // The health score's breakdown in the reader's words, not the CRM column's "recency=...".
        assertThat(u8).contains("近期互动").contains("回款达成").doesNotContain("recency=");
        assertThat(page).contains("recent interaction").doesNotContain("recency=");

        Map<String, Object> view = rest.withBasicAuth("admin", "demo-test-pw").exchange("/api/customers/C00002/view", HttpMethod.GET, null,
                new ParameterizedTypeReference<Map<String, Object>>() {}).getBody();
        assertThat(((Map<?, ?>) view.get("stock")).get("source")).isEqualTo("U8");
        assertThat(((Map<?, ?>) view.get("credit")).get("source")).isEqualTo("U8");
        assertThat((java.util.List<?>) view.get("items")).isNotEmpty();
        Map<String, Object> quote = rest.withBasicAuth("admin", "demo-test-pw").exchange(
                "/api/customers/C00002/quote-check?item=M100&qty=10", HttpMethod.GET, null,
                new ParameterizedTypeReference<Map<String, Object>>() {}).getBody();
        assertThat((java.util.List<?>) quote.get("reasons")).isNotEmpty();
    }

    @Test
    void theDemosIncrementalRefreshesCountAndScanOnH2() {
        for (String source : java.util.List.of("u8", "k3", "mes")) {
            io.etlhub.pipeline.RunSummary again = runner.run("customer-view-" + source, io.etlhub.pipeline.Trigger.MANUAL, "test", Map.of());
            assertThat(again.succeeded()).as(source + ": " + again.error()).isTrue();
        }
        // A stock row deleted in the H2 U8 (SQL Server mode): no new ufts, the counts differ, the key scan reads its item again.
        int deleted = connectors.jdbc("u8").update("DELETE FROM CurrentStock WHERE AutoID = (SELECT MIN(AutoID) FROM CurrentStock)");
        assertThat(deleted).isEqualTo(1);
        io.etlhub.pipeline.RunSummary scanned = runner.run("customer-view-u8", io.etlhub.pipeline.Trigger.MANUAL, "test", Map.of());
        assertThat(scanned.succeeded()).as(scanned.error()).isTrue();
        // After the scan the hub stands for exactly the rows U8 has.
        assertThat(hub.queryForObject("SELECT SUM(source_rows) FROM cv_key_rows WHERE connector = 'u8' AND figure = 'stock'", Long.class))
                .isEqualTo(connectors.jdbc("u8").queryForObject("SELECT COUNT(*) FROM CurrentStock", Long.class));
    }
}
