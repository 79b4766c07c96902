package io.etlhub.pipeline;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10's "done when": the demo as shipped (embedded databases, seeded, its first run of the
 * receipts routes at start), then {@code POST /api/routes/receipts-u8/runs}: Prometheus counts both
 * runs as exchanges of the Camel route receipts-u8, the run history has the same two runs, and no
 * second metric counts them. The Quartz scheduler is off so a 5-minute tick cannot add a third run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ETLHUB_ADMIN_PASSWORD=demo-test-pw",
        "camel.main.name=etl-hub-demo-runs-test",
        "camel.component.quartz.auto-start-scheduler=false",
        "etlhub.console.watch-files=false"})
@AutoConfigureObservability
@DirtiesContext
class DemoRunsAreExchangesIntegrationTest {
    @DynamicPropertySource
    static void freshDemo(DynamicPropertyRegistry registry) throws java.io.IOException {
        // The demo keeps its H2 files across starts: this test wants the demo's first start, in its own folder.
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("etlhub-demo-runs");
        registry.add("etlhub.demo.data-dir", dir::toString);
    }

    @Autowired TestRestTemplate rest;
    @Autowired JdbcTemplate hub;

    @Test
    void theDemosFirstRunAndARestRunAreTwoExchangesOfTheRouteAndNothingElseCountsThem() {
        ResponseEntity<String> run = rest.withBasicAuth("admin", "demo-test-pw").postForEntity("/api/routes/receipts-u8/runs", null, String.class);
        assertThat(run.getStatusCode()).isEqualTo(HttpStatus.OK);

        String scrape = rest.withBasicAuth("admin", "demo-test-pw").getForObject("/actuator/prometheus", String.class);

        assertThat(RouteAdministrationIntegrationTest.value(scrape, "camel_exchanges_total", "routeId=\"receipts-u8\"")).isEqualTo(2.0);
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM route_run WHERE route_id = 'receipts-u8'", Integer.class)).isEqualTo(2);
        // No other series counts runs: the hub's own run counter and timer are gone, and what the hub
        // exports for the route are its domain counters (documents, not runs) and its lag.
        assertThat(scrape).doesNotContain("etlhub_route_runs").doesNotContain("etlhub_route_run_duration");
        List<String> hubSeries = scrape.lines().filter(l -> l.startsWith("etlhub_") && l.contains("\"receipts-u8\"")).toList();
        assertThat(hubSeries).isNotEmpty().allMatch(l -> l.startsWith("etlhub_receipts_total{") || l.startsWith("etlhub_route_lag_seconds{"));
        assertThat(hubSeries).anyMatch(l -> l.contains("count=\"read\""));
    }
}
