package io.etlhub.connector;

import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pools the hub opens on MySQL/MariaDB may load bulk rows from its private folder (the hub store's, from Spring's
 * configuration, and every connector's), and a server whose local_infile is OFF (MySQL 8's default) gets INSERT
 * statements instead, with the same rows stored.
 */
class LocalFileLoadsIntegrationTest extends HubIntegrationTest {
    @Test
    void theHubStoreAndTheConnectorsLoadFilesFromThePrivateFolder() {
        assertThat(BulkInsert.into(hub, "any_table", List.of("a")).loadsFiles()).isTrue();
        assertThat(BulkInsert.into(crmDb(), "any_table", List.of("a")).loadsFiles()).isTrue();
        assertThat(LocalFileLoads.folder().toFile().getName()).startsWith("etlhub-load-");
    }

    @Test
    void aServerWithLocalInfileOffGetsInsertStatements() {
        crmDb().execute("CREATE TABLE IF NOT EXISTS it_local_off (id BIGINT PRIMARY KEY, txt VARCHAR(20))");
        DB.exec("SET GLOBAL local_infile = 0");
        try {
            BulkInsert bulk = BulkInsert.into(crmDb(), "it_local_off", List.of("id", "txt"));
            assertThat(bulk.loadsFiles()).isFalse();
            connectors.transactions("crm").executeWithoutResult(status ->
                    bulk.insert(List.of(new Object[] {1L, "一"}, new Object[] {2L, "two\ttab"})));
        } finally {
            DB.exec("SET GLOBAL local_infile = 1");
        }
        assertThat(crmDb().queryForList("SELECT txt FROM it_local_off ORDER BY id", String.class)).containsExactly("一", "two\ttab");
        crmDb().execute("DROP TABLE it_local_off");
    }
}
