package io.etlhub.connector;

import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's Flyway (Spring Boot's) ran exactly the Java migrations of HubStoreMigrations' one list, as migrate() runs. */
class HubStoreMigrationsIntegrationTest extends HubIntegrationTest {

    @Test
    void theServersHubStoreRanEveryJavaMigrationOfTheOneList() {
        List<String> listed = Arrays.stream(HubStoreMigrations.javaMigrations()).map(m -> m.getVersion().getVersion()).toList();
        List<String> ran = hub.queryForList("SELECT version FROM flyway_schema_history WHERE type = 'JDBC' AND success = 1", String.class);

        assertThat(listed).isNotEmpty().doesNotHaveDuplicates();
        assertThat(ran).containsExactlyInAnyOrderElementsOf(listed);
    }
}
