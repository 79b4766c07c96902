package io.etlhub.connector;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-line causes, from the SQL states and vendor codes drivers report. MySQL/MariaDB's are also
 * met for real in RunCheckIntegrationTest; SQL Server's (18456, 4060, 208) cannot be, SQL Server does
 * not run on the development machine: they are the codes Microsoft documents, with its message texts.
 */
class FailureCauseTest {
    private final MockEnvironment hubStore = new MockEnvironment()
            .withProperty("spring.datasource.url", "jdbc:mysql://hub-db:3307/etlhub?useSSL=false")
            .withProperty("spring.datasource.username", "etl");

    @Test
    void aConnectorThatRefusesTheLoginIsNamedWithItsServerAndUser() {
        SQLException mysql = new SQLException("Access denied for user 'etl'@'10.0.0.5' (using password: YES)", "28000", 1045);
        SQLException sqlServer = new SQLException("Login failed for user 'u8reader'.", "S0001", 18456);

        assertThat(line(new ConnectorConnectionException("crm", "127.0.0.1:3306", "etl", mysql)))
                .isEqualTo("connector crm: access denied for user etl on 127.0.0.1:3306");
        assertThat(line(new ConnectorConnectionException("u8", "u8-db:1433", "u8reader", sqlServer)))
                .isEqualTo("connector u8: access denied for user u8reader on u8-db:1433");
    }

    @Test
    void aFailedSchemaMigrationIsNamedWithFlywaysOwnSentence() {
        var flyway = new org.flywaydb.core.api.FlywayException(
                "Found non-empty schema(s) `crm` but no schema history table.\nUse baseline() or set baselineOnMigrate to true.");
        Throwable startup = new IllegalStateException("Error creating bean with name 'crmReferenceSchema'", flyway);

        assertThat(FailureCause.recognises(startup)).isTrue();
        assertThat(line(startup)).isEqualTo("schema migration failed: Found non-empty schema(s) `crm` but no schema history table. "
                + "Use baseline() or set baselineOnMigrate to true.");
    }

    @Test
    void aMissingDatabaseOfTheHubStoreOrOfAConnector() {
        SQLException unknown = new SQLSyntaxErrorException("Unknown database 'etlhub'", "42000", 1049);
        SQLException cannotOpen = new SQLException("Cannot open database \"UFDATA_001_2026\" requested by the login. The login failed.", "S0001", 4060);

        assertThat(line(new IllegalStateException("Failed to initialize pool", unknown)))
                .isEqualTo("hub store: database etlhub does not exist on hub-db:3307");
        assertThat(line(new ConnectorConnectionException("u8", "u8-db:1433", "u8reader", cannotOpen)))
                .isEqualTo("connector u8: database UFDATA_001_2026 does not exist on u8-db:1433");
    }

    @Test
    void theMissingJournalSaysHowToCreateIt() {
        SQLException mysql = new SQLSyntaxErrorException("Table 'crm.etlhub_apply_journal' doesn't exist", "42S02", 1146);
        FailureCause cause = FailureCause.of(new BadSqlGrammarException("apply batch", "INSERT INTO etlhub_apply_journal ...", mysql), hubStore);

        assertThat(cause.line()).isEqualTo("CRM table etlhub_apply_journal is missing: run init-crm or see docs/deployment.md");
        assertThat(cause.fix()).isEqualTo("run: java -jar etl-hub.jar run init-crm (see docs/deployment.md)");
    }

    @Test
    void otherMissingTablesAndColumnsByVendorCode() {
        assertThat(line(new SQLException("Invalid object name 'dbo.Ap_CloseBill'.", "S0002", 208))).isEqualTo("table Ap_CloseBill is missing");
        assertThat(line(new SQLSyntaxErrorException("Unknown column 'h.cDigest' in 'field list'", "42S22", 1054)))
                .isEqualTo("column h.cDigest is missing: correct mappings/ or the database");
    }

    @Test
    void anUnreachableServer() {
        SQLException link = new SQLException("Communications link failure", "08S01", 0);

        assertThat(line(link)).isEqualTo("hub store: cannot reach the database server hub-db:3307 (not running, wrong host or port, or a firewall)");
    }

    @Test
    void configurationProblemsKeepTheirFileAndFolder() {
        assertThat(line(new IllegalStateException("bean", new ConfigFolderMissingException("routes", Path.of("/opt/x")))))
                .isEqualTo("no routes/ folder in /opt/x: set ETLHUB_CONFIG_DIR or --config");
        assertThat(line(new ConfigFileException(Path.of("routes/a.yaml"), 3, "unknown key 'shedule'")))
                .isEqualTo("routes/a.yaml:3: unknown key 'shedule'");
    }

    @Test
    void onlyDatabaseAndConfigurationFailuresAreTakenOverFromSpringBootsAnalyzers() {
        assertThat(FailureCause.recognises(new IllegalStateException("Port 8080 was already in use"))).isFalse();
        assertThat(FailureCause.recognises(new IllegalStateException("x", new SQLException("y")))).isTrue();
    }

    @Test
    void detailsAreOneLineEachWithoutSecrets() {
        SQLException denied = new SQLException("Access denied\nsecond line", "28000", 1045);
        FailureCause cause = FailureCause.of(new IllegalStateException("url jdbc:x;password=geheim", denied), hubStore);

        assertThat(cause.details()).containsExactly("IllegalStateException: url jdbc:x;password=******", "SQLException: Access denied");
    }

    private String line(Throwable failure) {
        return FailureCause.of(failure, hubStore).line();
    }
}
