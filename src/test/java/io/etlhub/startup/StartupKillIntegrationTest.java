package io.etlhub.startup;

import io.etlhub.EtlHubApplication;
import io.etlhub.support.ReferenceSchemas;
import io.etlhub.support.SchemaSnapshot;
import io.etlhub.support.TestMariaDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hub killed (SIGKILL) at several points of its first start, on the tests' MariaDB with the
 * password-protected user, starts again untouched: health UP, the hub store and the reference CRM
 * exactly as a store migrated in one go. Each hub is its own JVM (see {@link HubProcess}).
 */
class StartupKillIntegrationTest {
    private static final TestMariaDb DB = TestMariaDb.get();
    private static final ReferenceSchemas REFERENCE = ReferenceSchemas.get();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Path LOGS = Path.of("target", "startup-kill");

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {
            // hub store: V1 half done (3 of its 6 tables created), nothing recorded
            "flyway_schema_history:1:statement:4",
            // hub store: V4 done but not recorded (the case on MySQL/MariaDB)
            "flyway_schema_history:4:done",
            // CRM preparation: V1 half done
            "etlhub_crm_schema_history:1:statement:3",
            // CRM preparation: V4 (columns added to crm_customer) done but not recorded
            "etlhub_crm_schema_history:4:done"})
    void restartsUntouchedAfterAKillDuringTheFirstStart(String killPoint) throws Exception {
        String hubUrl = DB.freshDatabase("kill_hub");
        String crmUrl = DB.freshDatabase("kill_crm");
        Map<String, String> environment = Map.of(
                "HUB_JDBC_URL", hubUrl, "HUB_JDBC_USER", DB.user(), "HUB_JDBC_PASSWORD", DB.password(),
                "CRM_JDBC_URL", crmUrl, "CRM_JDBC_USER", DB.user(), "CRM_JDBC_PASSWORD", DB.password(),
                "ETLHUB_DATA_DIR", LOGS.resolve("data").toString(),
                "ETLHUB_ARCHIVE_UPLOAD_DIR", LOGS.resolve("uploads").toString());
        List<String> arguments = List.of("--server.port=0", "--etlhub.demo.seed=false", "--etlhub.crm.reference-schema=true",
                "--etlhub.scheduler.enabled=false", "--etlhub.console.watch-files=false");
        String name = killPoint.replace(':', '-');

        HubProcess first = HubProcess.start(HubWithKillPoint.class, environment,
                List.of("-Detlhub.test.kill-point=" + killPoint), arguments, LOGS.resolve(name + "-first.log"));
        try {
            first.await(Pattern.compile(Pattern.quote(KillPoint.REACHED)), START_TIMEOUT);
        } finally {
            first.kill();
        }

        String[] point = killPoint.split(":");
        boolean hubStore = point[0].equals(ReferenceSchemas.HUB_HISTORY);
        JdbcTemplate store = REFERENCE.jdbc(hubStore ? hubUrl : crmUrl);
        assertThat(historyVersions(store, point[0])).as("killed before %s was recorded", point[1]).doesNotContain(point[1]);
        // What the migration did before the kill is there, so its second run meets existing objects.
        assertThat(SchemaSnapshot.of(store, hubStore ? "kill_hub" : "kill_crm", point[0])).as("objects left by the killed start")
                .isNotEmpty();

        HubProcess second = HubProcess.start(EtlHubApplication.class, environment, List.of(), arguments,
                LOGS.resolve(name + "-restart.log"));
        try {
            int port = Integer.parseInt(second.await(Pattern.compile("Tomcat started on port (\\d+)"), START_TIMEOUT).group(1));
            second.await(Pattern.compile("Started EtlHubApplication"), START_TIMEOUT);
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
        } finally {
            second.stop();
        }

        REFERENCE.assertCompleteHubStore(REFERENCE.jdbc(hubUrl), "kill_hub");
        REFERENCE.assertCompleteCrm(REFERENCE.jdbc(crmUrl), "kill_crm");
    }

    private static List<String> historyVersions(JdbcTemplate jdbc, String table) {
        boolean exists = jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?",
                Integer.class, table) > 0;
        return exists ? jdbc.queryForList("SELECT version FROM `" + table + "` WHERE version IS NOT NULL", String.class) : List.of();
    }
}
