package io.etlhub.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlhub.demo.CrmReferenceSchema;
import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.SqlScripts;
import io.etlhub.demo.U8ReceiptWriter;
import io.etlhub.support.TestMariaDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar etl-hub.jar run receipts-u8} in-process, against U8 tables and a CRM on the
 * tests' MariaDB: the JSON summary is the last line, the exit code says how it went, and the CRM
 * totals equal the sum of the receipts per opportunity, to the cent.
 */
class CommandLineRunIntegrationTest {
    private static final List<String> KEYS = List.of("HUB_JDBC_URL", "CRM_JDBC_URL", "U8_JDBC_URL", "K3_JDBC_URL",
            "HUB_JDBC_USER", "CRM_JDBC_USER", "U8_JDBC_USER", "K3_JDBC_USER", "HUB_JDBC_PASSWORD", "CRM_JDBC_PASSWORD",
            "U8_JDBC_PASSWORD", "K3_JDBC_PASSWORD", "etlhub.crm.reference-schema");
    private final TestMariaDb db = TestMariaDb.get();
    private JdbcTemplate crm;
    private JdbcTemplate u8;

    @BeforeEach
    void databases() {
        Map<String, String> urls = new HashMap<>();
        for (String name : List.of("hub", "crm", "u8", "k3")) {
            urls.put(name, db.freshDatabase("cli_" + name));
            System.setProperty(name.toUpperCase() + "_JDBC_URL", urls.get(name));
            System.setProperty(name.toUpperCase() + "_JDBC_USER", db.user());
            System.setProperty(name.toUpperCase() + "_JDBC_PASSWORD", db.password());
        }
        System.setProperty("etlhub.crm.reference-schema", "true");
        DriverManagerDataSource crmSource = new DriverManagerDataSource(urls.get("crm"), db.user(), db.password());
        CrmReferenceSchema.migrate(crmSource);
        DriverManagerDataSource u8Source = new DriverManagerDataSource(urls.get("u8"), db.user(), db.password());
        SqlScripts.run(u8Source, "demo/mariadb/u8-schema.sql");
        SqlScripts.run(new DriverManagerDataSource(urls.get("k3"), db.user(), db.password()), "demo/mariadb/k3-schema.sql");
        crm = new JdbcTemplate(crmSource);
        u8 = new JdbcTemplate(u8Source);
    }

    @AfterEach
    void clear() {
        KEYS.forEach(System::clearProperty);
    }

    @Test
    void printsTheSummaryLastAndTheCrmEqualsTheReceiptsToTheCent() throws Exception {
        new CrmWriter(crm).insertCustomers(List.of(new CrmWriter.Customer(1, "C00001", "客户", "张伟")));
        List<CrmWriter.Opp> opps = new ArrayList<>();
        for (long id = 1; id <= 20; id++) {
            opps.add(new CrmWriter.Opp(id, String.format("OPP-2026-%05d", id), 1, "成交", "张伟", "CNY",
                    new BigDecimal("500000.00"), LocalDate.of(2026, 9, 1), null));
        }
        new CrmWriter(crm).insertOpportunities(opps);
        Random random = new Random(11);
        Map<Long, BigDecimal> expected = new HashMap<>();
        List<U8ReceiptWriter.Receipt> receipts = new ArrayList<>();
        for (int i = 1; i <= 1500; i++) {
            long opp = 1 + random.nextInt(20);
            BigDecimal amount = BigDecimal.valueOf(random.nextInt(2_000_000) + 1, 2);
            expected.merge(opp, amount, BigDecimal::add);
            receipts.add(new U8ReceiptWriter.Receipt(i, "48", "SK" + i, LocalDate.of(2026, 10, 1 + i % 28), "C00001", "人民币",
                    1.0, List.of(amount), String.format("商机号：OPP-2026-%05d", opp), "王会计"));
        }
        new U8ReceiptWriter(u8).insert(receipts);

        CliOutput result = CliOutput.run("run", "receipts-u8");

        assertThat(result.exitCode()).isZero();
        JsonNode summary = new ObjectMapper().readTree(result.lastLine());
        assertThat(summary.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(summary.get("counts").get("read").asInt()).isEqualTo(1500);
        assertThat(summary.get("counts").get("applied").asInt()).isEqualTo(1500);
        expected.forEach((opp, sum) -> assertThat(crm.queryForObject(
                "SELECT received_amount FROM crm_opportunity WHERE id = ?", BigDecimal.class, opp)).isEqualByComparingTo(sum));
    }

    @Test
    void anUnknownRouteExitsNonZeroWithTheReason() throws Exception {
        CliOutput result = CliOutput.run("run", "no-such-route");
        assertThat(result.exitCode()).isEqualTo(2);
        JsonNode summary = new ObjectMapper().readTree(result.lastLine());
        assertThat(summary.get("status").asText()).isEqualTo("FAILED");
        assertThat(summary.get("error").asText()).contains("no route 'no-such-route'");
    }
}
