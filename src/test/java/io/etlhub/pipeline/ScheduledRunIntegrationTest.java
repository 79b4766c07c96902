package io.etlhub.pipeline;

import io.etlhub.demo.SqlScripts;
import io.etlhub.support.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A route's cron in routes/ really drives Quartz: a copy of the config with a 2-second schedule fires on its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class ScheduledRunIntegrationTest {
    private static final TestMariaDb DB = TestMariaDb.get();
    private static final Path CONFIG = copyConfigWithFastSchedule();

    @Autowired
    JdbcTemplate hub;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        for (String name : List.of("hub", "crm", "u8", "k3")) {
            String url = DB.freshDatabase("sched_" + name);
            if (name.equals("u8")) SqlScripts.run(new DriverManagerDataSource(url, DB.user(), DB.password()), "demo/mariadb/u8-schema.sql");
            if (name.equals("k3")) SqlScripts.run(new DriverManagerDataSource(url, DB.user(), DB.password()), "demo/mariadb/k3-schema.sql");
            registry.add(name.toUpperCase() + "_JDBC_URL", () -> url);
            registry.add(name.toUpperCase() + "_JDBC_USER", DB::user);
            registry.add(name.toUpperCase() + "_JDBC_PASSWORD", DB::password);
        }
        registry.add("etlhub.crm.reference-schema", () -> "true");
        registry.add("etlhub.config-dir", CONFIG::toString);
        // Quartz schedulers are shared per name within a JVM: this context gets its own.
        registry.add("camel.main.name", () -> "etl-hub-scheduled-run-test");
    }

    @Test
    void theScheduleFiresTheRouteThroughQuartz() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Integer scheduled = 0;
        while (Instant.now().isBefore(deadline)) {
            scheduled = hub.queryForObject("SELECT COUNT(*) FROM route_run WHERE route_id = 'receipts-u8' "
                    + "AND trigger_type = 'SCHEDULE' AND status = 'SUCCEEDED'", Integer.class);
            if (scheduled != null && scheduled >= 2) break;
            Thread.sleep(250);
        }
        assertThat(scheduled).as("scheduled, successful runs of receipts-u8 within 30 s").isGreaterThanOrEqualTo(2);
    }

    private static Path copyConfigWithFastSchedule() {
        try {
            Path dir = Files.createTempDirectory("etlhub-sched");
            for (String folder : List.of("routes", "connectors", "mappings")) {
                Files.createDirectories(dir.resolve(folder));
                try (Stream<Path> files = Files.list(Path.of(folder))) {
                    for (Path f : files.toList()) Files.copy(f, dir.resolve(folder).resolve(f.getFileName()));
                }
            }
            Path route = dir.resolve("routes/receipts-u8.yaml");
            Files.writeString(route, Files.readString(route).replaceAll("cron: \".*\"", "cron: \"0/2 * * * * ?\""));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
