package io.etlhub.console;

import io.etlhub.connector.ConnectorDefinition;
import io.etlhub.support.HubIntegrationTest;
import io.etlhub.support.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub logs in to every database with the user and password given only as *_JDBC_USER /
 * *_JDBC_PASSWORD (HubIntegrationTest): the tests' MariaDB has its grant tables on, so a password
 * dropped on the way (as connectors/*.yml once did) ends in "access denied" here.
 */
class ConnectorCredentialsIntegrationTest extends HubIntegrationTest {
    @LocalServerPort
    int port;

    @Test
    void everyJdbcConnectorAndTheHubStoreLogInAsThePasswordProtectedUser() {
        assertThat(hub.queryForObject("SELECT CURRENT_USER()", String.class)).startsWith(TestMariaDb.USER + "@");
        for (ConnectorDefinition c : connectors.all()) {
            if (!"jdbc".equals(c.kind())) continue;
            assertThat(connectors.jdbc(c.id()).queryForObject("SELECT CURRENT_USER()", String.class))
                    .as("connector %s", c.id()).startsWith(TestMariaDb.USER + "@");
            assertThat(c.password()).as("password of connector %s as read from %s", c.id(), c.file())
                    .isEqualTo(TestMariaDb.PASSWORD);
        }
    }

    @Test
    void theApiShowsThatAPasswordIsSetWithoutShowingIt() {
        HttpResponse<String> answer = new ConsoleHttp(port).basic("GET", "/api/connectors", "admin", ADMIN_PASSWORD);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"id\":\"crm\"").contains("\"password\":\"******\"")
                .doesNotContain(TestMariaDb.PASSWORD);
        // Every database connector has one (a webhook robot without a secret has none: null is true there)
        com.fasterxml.jackson.databind.JsonNode list = readJson(answer.body());
        list.forEach(c -> {
            if (!"webhook".equals(c.get("kind").asText())) {
                assertThat(c.get("password").asText()).as("password of %s", c.get("id").asText()).isEqualTo("******");
            }
        });
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
