package io.etlhub.pipeline;

import io.etlhub.connector.HubStoreMigrations;
import io.etlhub.support.TestMariaDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two hub processes sharing one hub store (the server and a one-shot CLI run) never run the same
 * route at once; a killed holder's lease expires and the next run takes over.
 */
class RouteLeaseIntegrationTest {
    private JdbcTemplate hub;

    @BeforeEach
    void hubStore() {
        TestMariaDb db = TestMariaDb.get();
        DriverManagerDataSource source = new DriverManagerDataSource(db.freshDatabase("it_lease"), db.user(), db.password());
        HubStoreMigrations.migrate(source);
        hub = new JdbcTemplate(source);
    }

    @Test
    void aSecondProcessWaitsForTheFirstAndNamesIt() throws Exception {
        RouteLocks server = new RouteLocks(new RouteLease(hub, 90));
        RouteLocks cli = new RouteLocks(new RouteLease(hub, 90));

        server.withLock("receipts-u8", 0, () -> {
            assertThat(cli.isRunning("receipts-u8")).isTrue();
            assertThatThrownBy(() -> cli.withLock("receipts-u8", 1, () -> "ran twice"))
                    .isInstanceOf(RouteBusyException.class).hasMessageContaining("already running in hub process");
            assertThat(cli.withLock("receipts-k3", 0, () -> "other route")).isEqualTo("other route");
            return null;
        });

        assertThat(cli.isRunning("receipts-u8")).isFalse();
        assertThat(cli.withLock("receipts-u8", 0, () -> "after")).isEqualTo("after");
    }

    @Test
    void aKilledHoldersLeaseExpires() throws Exception {
        RouteLease killed = new RouteLease(hub, 2);
        assertThat(killed.tryTake("receipts-u8", 0)).isNotNull();
        killed.destroy(); // no renewal and no release: as after kill -9

        RouteLocks next = new RouteLocks(new RouteLease(hub, 2));
        assertThatThrownBy(() -> next.withLock("receipts-u8", 0, () -> "too early")).isInstanceOf(RouteBusyException.class);
        assertThat(next.withLock("receipts-u8", 10, () -> "taken over")).isEqualTo("taken over");
    }
}
