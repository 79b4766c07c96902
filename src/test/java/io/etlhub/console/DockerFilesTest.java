package io.etlhub.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Docker does not run here: parse docker/compose.yml and check every file it (and the Dockerfile) refers to exists. */
class DockerFilesTest {
    static final Path DOCKER = Path.of("docker");

    @Test
    void everyFileTheComposeFileRefersToExists() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(DOCKER.resolve("compose.yml").toFile());
        assertThat(compose.path("services").fieldNames()).toIterable()
                .contains("crm-db", "pos-db", "erp-db", "hub", "prometheus", "grafana");

        List<Path> referenced = new ArrayList<>();
        compose.path("services").forEach(service -> {
            service.path("volumes").forEach(v -> {
                String source = v.asText().split(":")[0];
                if (source.startsWith(".")) referenced.add(DOCKER.resolve(source).normalize());
            });
            JsonNode build = service.path("build");
            if (!build.isMissingNode()) {
                Path context = DOCKER.resolve(build.path("context").asText(".")).normalize();
                referenced.add(context);
                referenced.add(context.resolve(build.path("dockerfile").asText("Dockerfile")).normalize());
            }
            service.path("env_file").forEach(f -> referenced.add(DOCKER.resolve(f.asText()).normalize()));
        });
        compose.path("secrets").forEach(s -> {
            if (s.has("file")) referenced.add(DOCKER.resolve(s.path("file").asText()).normalize());
        });

        assertThat(referenced).hasSizeGreaterThan(8);
        for (Path p : referenced) assertThat(p).as("referenced by docker/compose.yml").exists();
        // the mounted dashboards folder holds the dashboards Grafana is provisioned with
        assertThat(Files.list(Path.of("dashboards")).filter(f -> f.toString().endsWith(".json"))).isNotEmpty();
    }

    @Test
    void theDockerfileIsMultiStageNonRootAndCopiesWhatExists() throws Exception {
        List<String> lines = Files.readAllLines(DOCKER.resolve("Dockerfile"));
        assertThat(lines.stream().filter(l -> l.startsWith("FROM "))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines).anyMatch(l -> l.startsWith("USER ") && !l.contains("root"));
        Set<String> copied = new TreeSet<>();
        for (String l : lines) {
            if (l.startsWith("COPY ") && !l.contains("--from=")) copied.add(l.split("\\s+")[1]);
        }
        assertThat(copied).contains("pom.xml", "src", "routes", "connectors", "mappings");
        for (String source : copied) assertThat(Path.of(source)).as("COPY source (build context = repository root)").exists();
    }

    @Test
    void theSqlServerInitScriptsCreateTheU8AndK3Databases() throws Exception {
        String entry = Files.readString(DOCKER.resolve("sqlserver/entrypoint.sh"));
        for (String script : List.of("u8.sql", "k3.sql")) {
            assertThat(entry).contains("/docker-init/" + script);
            assertThat(DOCKER.resolve("sqlserver").resolve(script)).exists();
        }
        assertThat(Files.readString(DOCKER.resolve("sqlserver/u8.sql"))).contains("CREATE TABLE Ap_CloseBill (", "ufts           rowversion");
        assertThat(Files.readString(DOCKER.resolve("sqlserver/k3.sql"))).contains("CREATE TABLE T_AR_RECEIVEBILL (");
    }
}
