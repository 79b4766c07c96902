package io.etlhub.connector;

import io.etlhub.support.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's start-up and health report name each connector that cannot log in, cause first. */
class ConnectorLoginsIntegrationTest {
    @Test
    void aWrongPasswordMakesHealthDownNamingTheConnectorAndServer() {
        TestMariaDb db = TestMariaDb.get();
        MockEnvironment env = new MockEnvironment();
        for (String name : new String[] {"CRM", "U8", "K3", "MES", "POS"}) {
            env.setProperty(name + "_JDBC_URL", db.freshDatabase("logins_" + name.toLowerCase()));
            env.setProperty(name + "_JDBC_USER", db.user());
            env.setProperty(name + "_JDBC_PASSWORD", db.password());
        }
        env.setProperty("K3_JDBC_PASSWORD", "not-the-password");
        ConnectorCatalog catalog = new ConnectorCatalog(new ConfigFiles(env), new HubConfig("."));
        try {
            var health = new ConnectorLogins(catalog, false).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsOnlyKeys("k3");
            assertThat(health.getDetails().get("k3").toString())
                    .isEqualTo("connector k3: access denied for user " + db.user() + " on 127.0.0.1:" + db.port());
        } finally {
            catalog.destroy();
        }
    }
}
