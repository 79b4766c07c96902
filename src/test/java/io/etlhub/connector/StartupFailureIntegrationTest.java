package io.etlhub.connector;

import io.etlhub.EtlHubApplication;
import io.etlhub.support.TestMariaDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server's start-up failure report (StartupFailureAnalyzer) on the tests' MariaDB: the one-line cause comes first. */
class StartupFailureIntegrationTest {
    private final TestMariaDb db = TestMariaDb.get();

    @AfterEach
    void clear() {
        System.clearProperty("HUB_JDBC_URL");
        System.clearProperty("HUB_JDBC_USER");
        System.clearProperty("HUB_JDBC_PASSWORD");
    }

    @Test
    void aHubStoreDatabaseThatDoesNotExistIsTheFirstLineOfTheReport() {
        db.exec("DROP DATABASE IF EXISTS chk_no_such_db");
        System.setProperty("HUB_JDBC_URL", db.url("chk_no_such_db"));
        System.setProperty("HUB_JDBC_USER", db.user());
        System.setProperty("HUB_JDBC_PASSWORD", db.password());
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThatThrownBy(() -> new SpringApplicationBuilder(EtlHubApplication.class).web(WebApplicationType.NONE)
                    .run("--spring.main.banner-mode=off", "--etlhub.scheduler.enabled=false", "--camel.main.name=startup-failure-test"))
                    .isInstanceOf(RuntimeException.class);
        } finally {
            System.setOut(original);
        }
        String report = captured.toString(StandardCharsets.UTF_8).replace("\r", "");

        assertThat(report).contains("APPLICATION FAILED TO START")
                .contains("Description:\n\nhub store: database chk_no_such_db does not exist on 127.0.0.1:" + db.port() + "\n")
                .contains("Action:\n\ncheck HUB_JDBC_URL, HUB_JDBC_USER, HUB_JDBC_PASSWORD and the grants in docs/deployment.md");
    }
}
