package io.etlhub.connector.debezium;

import io.etlhub.connector.ConnectorDefinition;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DriverManagerDataSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The flavour picks Debezium's connector; a connector file that cannot work is refused with its name. */
class CdcSettingsTest {
    static ConnectorDefinition connector(String url, String password, Map<String, String> properties) {
        return new ConnectorDefinition("pos-cdc", "POS", "debezium", "POS", url, "cdc", password, null, properties, Path.of("connectors/pos-cdc.yml"));
    }

    static Properties engine(String flavour) {
        CdcSource source = CdcSource.of(connector("jdbc:mysql://pos-db:3307/pos", "pw", Map.of("flavour", flavour, "server-id", "4242")));
        return new CdcSettings("pos-sales", source, List.of("t_sale", "t_sale_item"), new CdcStore(new DriverManagerDataSource("jdbc:h2:mem:unused")), 500, "no_data")
                .engineProperties();
    }

    @Test
    void mysqlFlavourRunsTheMySqlConnectorAndMariadbTheMariaDbOne() {
        Properties mysql = engine("mysql");
        assertThat(mysql.getProperty("connector.class")).isEqualTo("io.debezium.connector.mysql.MySqlConnector");
        assertThat(mysql.getProperty("database.ssl.mode")).isEqualTo("preferred");
        Properties mariadb = engine("mariadb");
        assertThat(mariadb.getProperty("connector.class")).isEqualTo("io.debezium.connector.mariadb.MariaDbConnector");
        assertThat(mariadb.getProperty("database.ssl.mode")).isEqualTo("disable");
        for (Properties p : List.of(mysql, mariadb)) {
            assertThat(p).containsEntry("database.hostname", "pos-db").containsEntry("database.port", "3307")
                    .containsEntry("database.server.id", "4242").containsEntry("table.include.list", "pos.t_sale,pos.t_sale_item")
                    .containsEntry("offset.storage", HubOffsetStore.class.getName())
                    .containsEntry("schema.history.internal", HubSchemaHistory.class.getName())
                    .containsEntry("offset.flush.interval.ms", "500").containsEntry("topic.prefix", "etlhub-pos-sales")
                    .containsEntry("snapshot.mode", "no_data");
        }
    }

    @Test
    void aConnectorThatCannotCaptureIsRefusedNamingItsFile() {
        assertThatThrownBy(() -> CdcSource.of(connector("jdbc:sqlserver://u8:1433", "pw", Map.of())))
                .hasMessageContaining("connectors/pos-cdc.yml").hasMessageContaining("jdbc:mysql://");
        assertThatThrownBy(() -> CdcSource.of(connector("jdbc:mysql://pos-db/pos", "", Map.of())))
                .hasMessageContaining("connectors/pos-cdc.yml").hasMessageContaining("password");
        assertThatThrownBy(() -> CdcSource.of(connector("jdbc:mysql://pos-db/pos", "pw", Map.of("flavour", "oracle"))))
                .hasMessageContaining("flavour must be mysql or mariadb, found 'oracle'");
        assertThatThrownBy(() -> CdcSource.of(connector("jdbc:mysql://pos-db/", "pw", Map.of())))
                .hasMessageContaining("names no database");
    }
}
