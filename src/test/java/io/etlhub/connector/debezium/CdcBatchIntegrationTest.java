package io.etlhub.connector.debezium;

import io.etlhub.connector.ConnectorDefinition;
import io.etlhub.support.HubIntegrationTest;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code etlhub-cdc:...?batch=true} on the tests' MariaDB: each poll of the engine is one exchange whose
 * step writes in the same hub transaction as the consumer's seen keys. A batch whose step fails is rolled
 * back whole and done again change by change: only the change that fails alone is dead-lettered, every
 * other is written once; changes the engine replays from an older position are skipped.
 */
class CdcBatchIntegrationTest extends HubIntegrationTest {
    static final String ROUTE = "cdc-batch-probe";

    @Autowired
    CamelContext camel;
    @Autowired
    CdcEngines engines;

    @BeforeEach
    void probeTableAndRoute() throws Exception {
        crmDb().execute("CREATE TABLE IF NOT EXISTS cdc_batch_probe (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL)");
        crmDb().execute("DELETE FROM cdc_batch_probe");
        hub.execute("CREATE TABLE IF NOT EXISTS cdc_batch_probe_written (name VARCHAR(50) NOT NULL, batch_size INT NOT NULL)");
        hub.execute("DELETE FROM cdc_batch_probe_written");
        ConnectorDefinition crm = connectors.get("crm-cdc");
        camel.getRegistry().bind("crm-cdc-batch", ConnectorDefinition.class, new ConnectorDefinition("crm-cdc-batch", "probe",
                "debezium", "CRM", crm.url(), crm.username(), crm.password(), null, Map.of("flavour", "mariadb", "server-id", "91235"), null));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("etlhub-cdc:crm-cdc-batch?tables=cdc_batch_probe&batch=true&pollIntervalMs=1000&offsetFlushIntervalMs=100&startGraceSeconds=5")
                        .routeId(ROUTE).autoStartup(false)
                        .process(e -> {
                            Object body = e.getMessage().getBody();
                            List<?> changes = body instanceof List<?> l ? l : List.of(body);
                            for (Object o : changes) {
                                // one exchange per change in the fallback: its row is the body, as without batch
                                String name = o instanceof ChangeRecord c ? c.after().getString("name")
                                        : ((org.apache.kafka.connect.data.Struct) o).getString("name");
                                if (name.equals("bad")) throw new IllegalStateException("cannot take '" + name + "'");
                                // the changes before a failure are written in the batch's transaction: its rollback takes them back
                                hub.update("INSERT INTO cdc_batch_probe_written (name, batch_size) VALUES (?, ?)", name, changes.size());
                            }
                        });
            }
        });
    }

    @AfterEach
    void removeRoute() throws Exception {
        camel.getRouteController().stopRoute(ROUTE);
        camel.removeRoute(ROUTE);
    }

    List<String> written() {
        return hub.queryForList("SELECT name FROM cdc_batch_probe_written ORDER BY name", String.class);
    }

    /** Several rows in one source transaction: the engine hands them over in one poll. */
    void insertTogether(String... names) {
        crmDb().execute((org.springframework.jdbc.core.ConnectionCallback<Object>) c -> {
            c.setAutoCommit(false);
            try (var insert = c.prepareStatement("INSERT INTO cdc_batch_probe (id, name) VALUES (?, ?)")) {
                for (String n : names) {
                    insert.setInt(1, Math.abs(n.hashCode()));
                    insert.setString(2, n);
                    insert.executeUpdate();
                }
            }
            c.commit();
            c.setAutoCommit(true);
            return null;
        });
    }

    @Test
    void aFailedBatchIsRolledBackWholeAndDoneAgainChangeByChange() throws Exception {
        camel.getRouteController().startRoute(ROUTE);
        CdcRouteIntegrationTest.await("the connector to stream", () -> engines.status(ROUTE) != null && engines.status(ROUTE).streaming());

        insertTogether("a", "b", "c");
        CdcRouteIntegrationTest.await("the first batch", () -> written().size() == 3);
        // One poll usually holds the whole source transaction; a loaded machine may cut it, never into no batch at all.
        assertThat(hub.queryForObject("SELECT MAX(batch_size) FROM cdc_batch_probe_written", Integer.class))
                .as("an exchange carries a poll's changes").isGreaterThan(1);
        TimeUnit.MILLISECONDS.sleep(1500); // several flush intervals: the position after the first batch is saved
        List<Map<String, Object>> savedPosition = hub.queryForList("SELECT * FROM cdc_offset WHERE engine = ?", ROUTE);

        insertTogether("d", "bad", "e");
        CdcRouteIntegrationTest.await("the batch done again change by change", () -> written().size() == 5);
        TimeUnit.MILLISECONDS.sleep(500);
        assertThat(written()).as("d, written in the failed batch, was rolled back and written once more alone")
                .containsExactly("a", "b", "c", "d", "e");
        assertThat(hub.queryForList("SELECT batch_size FROM cdc_batch_probe_written WHERE name IN ('d', 'e')", Integer.class))
                .containsOnly(1);
        Map<String, Object> letter = hub.queryForMap("SELECT payload, error_message FROM dead_letter WHERE route_id = ?", ROUTE);
        assertThat(letter.get("payload")).asString().contains("name=bad");
        assertThat(letter.get("error_message")).asString().contains("cannot take 'bad'");
        CdcStatus running = engines.status(ROUTE);
        assertThat(running.processed()).isEqualTo(5);
        assertThat(running.deadLettered()).isEqualTo(1);

        // A crash before the later position was saved: the engine reads d, bad, e again and skips them.
        camel.getRouteController().stopRoute(ROUTE);
        for (Map<String, Object> row : savedPosition) {
            hub.update("UPDATE cdc_offset SET offset_value = ? WHERE engine = ? AND offset_key = ?", row.get("offset_value"), ROUTE,
                    row.get("offset_key"));
        }
        insertTogether("f");
        camel.getRouteController().startRoute(ROUTE);
        CdcRouteIntegrationTest.await("the change made while stopped", () -> written().contains("f"));
        TimeUnit.SECONDS.sleep(1);
        assertThat(written()).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE route_id = ?", Long.class, ROUTE)).isEqualTo(1);
        assertThat(engines.status(ROUTE).replaysSkipped()).isEqualTo(3);
    }
}
