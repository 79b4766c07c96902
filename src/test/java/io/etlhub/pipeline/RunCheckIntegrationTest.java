package io.etlhub.pipeline;

import io.etlhub.EtlHubApplication;
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

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run check} and {@code run init-crm} in-process against the tests' MariaDB, each database
 * reached by its own account with only the GRANTs docs/deployment.md lists: everything OK when set up
 * as documented, and one named fault per thing broken.
 */
class RunCheckIntegrationTest {
    static final Map<String, String> PASSWORDS = Map.of("hub", "hub-pw-1", "crm", "crm-pw-2", "u8", "u8-pw-3", "k3", "k3-pw-4", "cdc", "cdc-pw-5", "mes", "mes-pw-6");
    private final TestMariaDb db = TestMariaDb.get();
    private final Map<String, String> urls = new HashMap<>();

    @BeforeEach
    void databasesAndAccounts() {
        for (String name : List.of("hub", "crm", "u8", "k3", "mes")) urls.put(name, db.freshDatabase("chk_" + name));
        DriverManagerDataSource admin = new DriverManagerDataSource(urls.get("crm"), db.user(), db.password());
        CrmReferenceSchema.migrate(admin);
        SqlScripts.run(new DriverManagerDataSource(urls.get("u8"), db.user(), db.password()), "demo/mariadb/u8-schema.sql");
        SqlScripts.run(new DriverManagerDataSource(urls.get("k3"), db.user(), db.password()), "demo/mariadb/k3-schema.sql");
        SqlScripts.run(new DriverManagerDataSource(urls.get("mes"), db.user(), db.password()), "demo/mes-schema.sql");
        // The grants of docs/deployment.md, one account per database.
        account("hub", "GRANT ALL PRIVILEGES ON chk_hub.* TO 'chk_hub'@'%'");
        account("crm", "GRANT SELECT ON chk_crm.* TO 'chk_crm'@'%'",
                "GRANT UPDATE ON chk_crm.crm_opportunity TO 'chk_crm'@'%'",
                "GRANT INSERT, UPDATE ON chk_crm.crm_customer TO 'chk_crm'@'%'",
                "GRANT INSERT ON chk_crm.etlhub_apply_journal TO 'chk_crm'@'%'",
                "GRANT INSERT, DELETE ON chk_crm.crm_customer_view TO 'chk_crm'@'%'");
        account("u8", "GRANT SELECT, EXECUTE ON chk_u8.* TO 'chk_u8'@'%'");
        account("k3", "GRANT SELECT ON chk_k3.* TO 'chk_k3'@'%'");
        account("mes", "GRANT SELECT ON chk_mes.* TO 'chk_mes'@'%'");
        account("cdc", "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, LOCK TABLES ON *.* TO 'chk_cdc'@'%'");
        for (String name : List.of("hub", "crm", "u8", "k3", "mes")) {
            System.setProperty(name.toUpperCase() + "_JDBC_URL", urls.get(name));
            System.setProperty(name.toUpperCase() + "_JDBC_USER", "chk_" + name);
            System.setProperty(name.toUpperCase() + "_JDBC_PASSWORD", PASSWORDS.get(name));
        }
        System.setProperty("CRM_CDC_USER", "chk_cdc");
        System.setProperty("CRM_CDC_PASSWORD", PASSWORDS.get("cdc"));
        System.setProperty("CRM_CDC_FLAVOUR", "mariadb");
    }

    private void account(String name, String... grants) {
        db.exec("DROP USER IF EXISTS 'chk_" + name + "'@'%'");
        db.exec("CREATE USER 'chk_" + name + "'@'%' IDENTIFIED BY '" + PASSWORDS.get(name) + "'");
        for (String g : grants) db.exec(g);
    }

    @AfterEach
    void clear() {
        for (String name : List.of("HUB", "CRM", "U8", "K3", "MES")) {
            for (String key : List.of("_JDBC_URL", "_JDBC_USER", "_JDBC_PASSWORD")) System.clearProperty(name + key);
        }
        List.of("CRM_CDC_USER", "CRM_CDC_PASSWORD", "CRM_CDC_FLAVOUR").forEach(System::clearProperty);
    }

    @Test
    void aConfigurationSetUpAsDocumentedIsOkForEveryConnectorAndRoute() {
        CliOutput result = CliOutput.run("run", "check", "--lang", "en");

        assertThat(result.lines()).as(result.output()).noneMatch(l -> l.startsWith("FAIL") || l.startsWith("WARN"));
        for (String connector : List.of("crm", "crm-cdc", "k3", "u8")) {
            assertThat(result.lines()).contains("OK   connector " + connector + ": logged in to 127.0.0.1:" + db.port() + " as chk_"
                    + (connector.equals("crm-cdc") ? "cdc" : connector));
        }
        assertThat(result.lines()).contains(
                "OK   connector crm-cdc: binlog on, ROW format, FULL row images",
                "OK   connector crm-cdc: account 'chk_cdc'@'%' has the grants change capture needs",
                "OK   connector crm: account 'chk_crm'@'%' has SELECT, UPDATE on crm_opportunity",
                "OK   connector crm: account 'chk_crm'@'%' has INSERT, SELECT on etlhub_apply_journal",
                "OK   connector u8: table Ap_CloseBills has the 3 mapped columns",
                "OK   connector k3: account 'chk_k3'@'%' has SELECT on T_BD_CURRENCY",
                "OK   route reconcile: runs on demand (no schedule)");
        assertThat(result.lines()).anyMatch(l -> l.startsWith("OK   route receipts-u8: next scheduled run "));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void namesEachFaultWithItsFixAndExitsNonZero() throws IOException {
        account("k3", "GRANT SELECT ON chk_k3.* TO 'chk_k3'@'%'");
        account("mes", "GRANT SELECT ON chk_mes.* TO 'chk_mes'@'%'");
        System.setProperty("K3_JDBC_PASSWORD", "not-the-password");
        db.exec("DROP TABLE chk_u8.Ap_CloseBills");
        db.exec("ALTER TABLE chk_u8.Ap_CloseBill DROP COLUMN cDigest");
        db.exec("GRANT INSERT ON chk_u8.Ap_CloseBill TO 'chk_u8'@'%'");
        db.exec("REVOKE UPDATE ON chk_crm.crm_opportunity FROM 'chk_crm'@'%'");
        db.exec("REVOKE REPLICATION SLAVE, REPLICATION CLIENT ON *.* FROM 'chk_cdc'@'%'");
        Path config = ConfigCopy.of(Path.of("."));
        Path route = config.resolve("routes/receipts-u8.yaml");
        Files.writeString(route, Files.readString(route).replace("autoStartup: true", "autoStartup: false"));
        // a site without Customer 360: the only other route reading u8 is not installed
        Files.delete(config.resolve("routes/customer-view-u8.yaml"));

        CliOutput result = CliOutput.run("run", "check", "--config", config.toString(), "--lang", "en");

        // u8 is used by receipts-u8 only, stopped here: its faults are warnings that say so (item: idle connectors)
        String idleU8 = "WARN connector u8: connector u8 is not used by any running route (only by the stopped route(s) receipts-u8); "
                + "fix this before starting them: ";
        assertThat(result.lines()).as(result.output()).contains(
                "FAIL connector k3: access denied for user chk_k3 on 127.0.0.1:" + db.port()
                        + ": check connectors/k3.yml and its URL, user and password",
                idleU8 + "table Ap_CloseBills is missing in database chk_u8: create it or correct the table name in mappings/",
                idleU8 + "table Ap_CloseBill has no column cDigest: add it or correct the column name in mappings/",
                "WARN connector u8: account 'chk_u8'@'%' can write to Ap_CloseBill (INSERT): the hub only reads the ERP; grant SELECT only",
                "FAIL connector crm: account 'chk_crm'@'%' lacks UPDATE on crm_opportunity: GRANT UPDATE ON chk_crm.crm_opportunity TO 'chk_crm'@'%'",
                "FAIL route receipts-u8: disabled: its schedule '0 0/5 * * * ?' does not fire; start it on the console's routes page "
                        + "or set autoStartup: true in routes/receipts-u8.yaml",
                "OK   route stage-capture: takes the changes of connector crm-cdc as they come, stopped");
        // crm-cdc without its replication grants: only the stopped stage-capture route uses it
        assertThat(result.lines()).anyMatch(l -> l.startsWith("WARN connector crm-cdc: connector crm-cdc is not used by any running route "
                + "(only by the stopped route(s) stage-capture)"));
        assertThat(result.lines()).noneMatch(l -> l.startsWith("FAIL connector crm-cdc") || l.startsWith("FAIL connector u8"));
        assertThat(result.lines()).contains("OK   connector u8: account 'chk_u8'@'%' has SELECT on Ap_CloseBill");
        assertThat(result.lines()).as(result.output()).last().isEqualTo("check: 3 fault(s)");
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordStopsTheCliWithTheOneLineCauseFirst() {
        System.setProperty("U8_JDBC_PASSWORD", "wrong");

        CliOutput result = CliOutput.run("run", "receipts-u8");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.report().get(0)).as(result.output())
                .isEqualTo("connector u8: access denied for user chk_u8 on 127.0.0.1:" + db.port());
        assertThat(result.report().get(1)).startsWith("  fix: check connectors/u8.yml");
        assertThat(result.lines()).last().asString().contains("\"error\":\"connector u8: access denied for user chk_u8");
    }

    @Test
    void aRunWithoutTheJournalFailsWithItsCauseFirst() {
        JdbcTemplate crm = new JdbcTemplate(new DriverManagerDataSource(urls.get("crm"), db.user(), db.password()));
        new CrmWriter(crm).insertCustomers(List.of(new CrmWriter.Customer(1, "C00001", "客户", "张伟")));
        new CrmWriter(crm).insertOpportunities(List.of(new CrmWriter.Opp(1, "OPP-2026-00001", 1, "成交", "张伟", "CNY",
                new BigDecimal("1000.00"), LocalDate.of(2026, 9, 1), null)));
        new U8ReceiptWriter(new JdbcTemplate(new DriverManagerDataSource(urls.get("u8"), db.user(), db.password()))).insert(List.of(
                new U8ReceiptWriter.Receipt(1, "48", "SK1", LocalDate.of(2026, 10, 8), "C00001", "人民币", 1.0,
                        List.of(new BigDecimal("100.00")), "商机号：OPP-2026-00001", "王会计")));
        db.exec("DROP TABLE chk_crm.etlhub_apply_journal");

        CliOutput result = CliOutput.run("run", "receipts-u8");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.report().get(result.report().size() - 2)).as(result.output())
                .startsWith("CRM table etlhub_apply_journal is missing: run init-crm or see docs/deployment.md <- ");
        assertThat(result.lastLine()).contains("\"error\":\"CRM table etlhub_apply_journal is missing");
    }

    @Test
    void aWrongHubStorePasswordIsNamedAsTheHubStore() {
        System.setProperty("HUB_JDBC_PASSWORD", "wrong");

        CliOutput result = CliOutput.run("run", "check", "--lang", "en");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.report().get(0)).as(result.output()).isEqualTo("hub store: access denied for user chk_hub on 127.0.0.1:" + db.port());
    }

    @Test
    void initCrmCreatesTheJournalOnceAndCheckThenFindsIt() {
        db.exec("DROP TABLE chk_crm.etlhub_apply_journal");
        db.exec("GRANT CREATE ON chk_crm.* TO 'chk_crm'@'%'");

        CliOutput missing = CliOutput.run("run", "check", "--lang", "en");
        assertThat(missing.lines()).contains("FAIL connector crm: table etlhub_apply_journal is missing in database chk_crm: "
                + "run: java -jar etl-hub.jar run init-crm");

        CliOutput first = CliOutput.run("run", "init-crm");
        CliOutput second = CliOutput.run("run", "init-crm");

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.lines()).last().isEqualTo("created table etlhub_apply_journal in connector crm (127.0.0.1:" + db.port() + ")");
        assertThat(second.lines()).last().isEqualTo("table already there, kept: etlhub_apply_journal in connector crm (127.0.0.1:" + db.port() + ")");
        db.exec("GRANT INSERT ON chk_crm.etlhub_apply_journal TO 'chk_crm'@'%'");
        assertThat(CliOutput.run("run", "check", "--lang", "en").exitCode()).isZero();
    }

    @Test
    void aConfigFolderThatIsNotThereIsNamed() {
        Path nowhere = Path.of("target/no-such-config").toAbsolutePath().normalize();

        CliOutput result = CliOutput.run("run", "check", "--config", nowhere.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.report().get(0)).as(result.output()).isEqualTo("no routes/ folder in " + nowhere + ": set ETLHUB_CONFIG_DIR or --config");
    }

    @Test
    void findsItsConfigurationThroughEtlhubConfigDirFromAnotherWorkingDirectory() throws Exception {
        Path config = ConfigCopy.of(Path.of("."));
        Path elsewhere = Files.createTempDirectory("etlhub-cwd");
        ProcessBuilder cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EtlHubApplication.class.getName(), "run", "check")
                .directory(elsewhere.toFile()).redirectErrorStream(true);
        cli.environment().put("ETLHUB_CONFIG_DIR", config.toString());
        for (String key : List.of("HUB", "CRM", "U8", "K3", "MES")) {
            for (String part : List.of("_JDBC_URL", "_JDBC_USER", "_JDBC_PASSWORD")) {
                cli.environment().put(key + part, System.getProperty(key + part));
            }
        }
        List.of("CRM_CDC_USER", "CRM_CDC_PASSWORD", "CRM_CDC_FLAVOUR").forEach(k -> cli.environment().put(k, System.getProperty(k)));
        Process process = cli.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isZero();
        // without --lang the CLI answers in Chinese, as the console does by default
        assertThat(output.strip().lines().toList()).last().isEqualTo("检查：全部正常");
    }
}
