package io.etlhub.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlhub.EtlHubApplication;
import io.etlhub.pipeline.CommandLineRun;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.receipts.UnmatchedReceipts;
import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run reconcile --period 2026-10 --out ...} through the real CLI entry point, against the tests'
 * MariaDB (its own Spring context, pointed at the same databases by system properties, restored after).
 */
class ReconcileCommandLineIntegrationTest extends HubIntegrationTest {
    private static final List<String> PROPERTIES = List.of("URL", "USER", "PASSWORD");

    @Autowired
    RouteRunner runner;
    @Autowired
    UnmatchedReceipts queue;

    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void pointTheCliAtTheTestDatabases() {
        GoldenDataset.load(crmDb(), u8Db(), k3Db(), runner, queue);
        for (String db : List.of("hub", "crm", "u8", "k3")) {
            for (String p : PROPERTIES) {
                String key = db.toUpperCase() + "_JDBC_" + p;
                saved.put(key, System.getProperty(key));
                System.setProperty(key, switch (p) {
                    case "URL" -> URLS.get(db);
                    case "USER" -> DB.user();
                    default -> DB.password();
                });
            }
        }
    }

    @AfterEach
    void restore() {
        saved.forEach((k, v) -> { if (v == null) System.clearProperty(k); else System.setProperty(k, v); });
    }

    @Test
    void printsTheSummaryLastAndExitsZero() throws Exception {
        Path out = Path.of("target", "reconcile-cli", "recon-2026-10.xlsx");
        Files.deleteIfExists(out);
        Captured run = execute("run", "reconcile", "--period", "2026-10", "--out", out.toString());

        assertThat(run.exit).as(run.stdout).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.lastLine());
        assertThat(summary.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(summary.get("outputs").get("erpReceipts").decimalValue()).isEqualByComparingTo("66924.44");
        assertThat(summary.get("outputs").get("balanced").asBoolean()).isTrue();
        assertThat(out).exists();
    }

    @Test
    void exitsNonZeroWhenTheControlTotalDoesNotBalance() throws Exception {
        crmDb().update("DELETE FROM crm_opportunity WHERE id = 5");
        Captured run = execute("run", "reconcile", "--period", "2026-10");

        assertThat(run.exit).isEqualTo(1);
        JsonNode summary = new ObjectMapper().readTree(run.lastLine());
        assertThat(summary.get("status").asText()).isEqualTo("FAILED");
        assertThat(summary.get("error").asText()).contains("CONTROL TOTAL DOES NOT BALANCE");
    }

    private record Captured(int exit, String stdout) {
        String lastLine() {
            String[] lines = stdout.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private static Captured execute(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            int exit = CommandLineRun.execute(EtlHubApplication.class, args);
            return new Captured(exit, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
