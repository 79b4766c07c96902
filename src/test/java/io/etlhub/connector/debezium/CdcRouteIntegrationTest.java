package io.etlhub.connector.debezium;

import io.etlhub.connector.ConnectorDefinition;
import io.etlhub.pipeline.RouteAdmin;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.support.HubIntegrationTest;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A route {@code from: etlhub-cdc:...} on the tests' MariaDB (binlog on, Debezium's MariaDB connector):
 * offsets in the hub store survive a restart, an event whose step fails lands in the dead letters
 * (and is not retried forever), and events the engine replays from an older saved position are
 * skipped by the idempotent consumer, not processed twice.
 */
class CdcRouteIntegrationTest extends HubIntegrationTest {
    static final String ROUTE = "cdc-probe";

    @Autowired
    CamelContext camel;
    @Autowired
    CdcEngines engines;
    @Autowired
    RouteAdmin admin;

    final List<String> processed = new CopyOnWriteArrayList<>();
    /** The fix an admin makes before replaying: the step then takes what it refused. */
    volatile boolean takesBad;

    @BeforeEach
    void probeTableAndRoute() throws Exception {
        crmDb().execute("CREATE TABLE IF NOT EXISTS cdc_probe (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL)");
        crmDb().execute("DELETE FROM cdc_probe");
        ConnectorDefinition crm = connectors.get("crm-cdc");
        camel.getRegistry().bind("crm-cdc-probe", ConnectorDefinition.class, new ConnectorDefinition("crm-cdc-probe", "probe",
                "debezium", "CRM", crm.url(), crm.username(), crm.password(), null,
                Map.of("flavour", "mariadb", "server-id", "91234"), null));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("etlhub-cdc:crm-cdc-probe?tables=cdc_probe&offsetFlushIntervalMs=100&startGraceSeconds=5")
                        .routeId(ROUTE).autoStartup(false)
                        .process(e -> {
                            Struct row = e.getMessage().getBody(Struct.class);
                            String name = row.getString("name");
                            if (name.equals("bad") && !takesBad) throw new IllegalStateException("cannot take '" + name + "'");
                            processed.add(e.getMessage().getHeader("CamelDebeziumOperation") + ":" + name);
                        });
            }
        });
    }

    @AfterEach
    void removeRoute() throws Exception {
        camel.getRouteController().stopRoute(ROUTE);
        camel.removeRoute(ROUTE);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    long deadLetters() {
        return hub.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE route_id = ?", Long.class, ROUTE);
    }

    @Test
    void failedEventsAreDeadLetteredAndReplaysAreNotProcessedTwice() throws Exception {
        camel.getRouteController().startRoute(ROUTE);
        await("the connector to stream", () -> engines.status(ROUTE) != null && engines.status(ROUTE).streaming());

        crmDb().update("INSERT INTO cdc_probe VALUES (1, 'a')");
        await("the first change", () -> processed.size() == 1);
        TimeUnit.MILLISECONDS.sleep(1500); // several flush intervals: the position after the first change is saved
        List<Map<String, Object>> savedPosition = hub.queryForList("SELECT * FROM cdc_offset WHERE engine = ?", ROUTE);
        assertThat(savedPosition).isNotEmpty();

        crmDb().update("INSERT INTO cdc_probe VALUES (2, 'bad')");
        crmDb().update("INSERT INTO cdc_probe VALUES (3, 'b')");
        crmDb().update("UPDATE cdc_probe SET name = 'a2' WHERE id = 1");
        await("three more changes", () -> processed.size() == 3);
        assertThat(deadLetters()).isEqualTo(1);
        Map<String, Object> letter = hub.queryForMap("SELECT record_key, payload, error_message, state FROM dead_letter WHERE route_id = ?", ROUTE);
        assertThat(letter.get("payload")).asString().contains("name=bad").contains("\"operation\":\"c\"");
        assertThat(letter.get("error_message")).asString().contains("cannot take 'bad'");
        assertThat(letter.get("state")).isEqualTo("NEW");
        CdcStatus running = engines.status(ROUTE);
        assertThat(running.processed()).isEqualTo(3);
        assertThat(running.deadLettered()).isEqualTo(1);
        assertThat(running.lagMillis()).isNotNull().isBetween(0L, 60_000L);
        assertThat(engines.health(ROUTE).getStatus()).isEqualTo(Status.UP);

        // A crash after these changes but before their position was saved: the engine restarts from the
        // older position and reads them all again.
        camel.getRouteController().stopRoute(ROUTE);
        assertThat(engines.health(ROUTE).getStatus()).isEqualTo(Status.DOWN);
        crmDb().update("UPDATE cdc_probe SET name = 'c' WHERE id = 3"); // changed while stopped
        for (Map<String, Object> row : savedPosition) {
            hub.update("UPDATE cdc_offset SET offset_value = ? WHERE engine = ? AND offset_key = ?", row.get("offset_value"), ROUTE,
                    row.get("offset_key"));
        }
        camel.getRouteController().startRoute(ROUTE);
        await("the change made while stopped", () -> processed.contains("u:c"));
        TimeUnit.SECONDS.sleep(2);

        assertThat(processed).containsExactly("c:a", "c:b", "u:a2", "u:c");
        assertThat(deadLetters()).as("the failed event is not dead-lettered again").isEqualTo(1);
        CdcStatus restarted = engines.status(ROUTE);
        assertThat(restarted.replaysSkipped()).as("bad, b and a2 came again and were skipped").isEqualTo(3);
        assertThat(restarted.processed()).isEqualTo(1);

        // The letter keeps the change whole: a replay delivers it to the route again, past the idempotent consumer
        // (which saw it fail), once.
        long letterId = hub.queryForObject("SELECT id FROM dead_letter WHERE route_id = ?", Long.class, ROUTE);
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM cdc_event_seen WHERE engine = ? AND event_key = ?", Long.class, ROUTE,
                letter.get("record_key"))).isEqualTo(1);
        RunSummary stillFailing = admin.replay(letterId, "admin");
        assertThat(stillFailing.status()).isEqualTo("FAILED");
        assertThat(stillFailing.error()).contains("cannot take 'bad'");
        assertThat(hub.queryForObject("SELECT state FROM dead_letter WHERE id = ?", String.class, letterId)).isEqualTo("NEW");

        takesBad = true;
        RunSummary replayed = admin.replay(letterId, "admin");
        assertThat(replayed.status()).isEqualTo("SUCCEEDED");
        assertThat(processed).containsExactly("c:a", "c:b", "u:a2", "u:c", "c:bad");
        assertThat(hub.queryForObject("SELECT state FROM dead_letter WHERE id = ?", String.class, letterId)).isEqualTo("REPLAYED");
        assertThatThrownBy(() -> admin.replay(letterId, "admin")).isInstanceOf(RouteAdmin.AlreadyReplayedException.class);
        assertThat(processed).as("a second replay delivers nothing").hasSize(5);
        assertThat(deadLetters()).isEqualTo(1);
    }
}
