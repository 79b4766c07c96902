package io.etlhub.console;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.ConnectorDefinition;
import io.etlhub.connector.Secrets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The connectors as the admin sees them: passwords, keys and tokens always masked. */
@RestController
class ConnectorsController {
    static final String MASK = "******";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|pwd|secret|key|token|credential).*");

    private final ConnectorCatalog connectors;

    ConnectorsController(ConnectorCatalog connectors) {
        this.connectors = connectors;
    }

    record ConnectorView(String id, String name, String kind, String system, String url, String username,
                         String password, Map<String, String> properties) {}

    @GetMapping("/api/connectors")
    List<ConnectorView> list() {
        return connectors.all().stream().sorted(java.util.Comparator.comparing(ConnectorDefinition::id)).map(ConnectorsController::view).toList();
    }

    static ConnectorView view(ConnectorDefinition c) {
        Map<String, String> properties = new TreeMap<>();
        if (c.properties() != null) {
            c.properties().forEach((k, v) -> properties.put(k, SECRET_NAME.matcher(k).matches() ? MASK : Secrets.maskUrl(v)));
        }
        return new ConnectorView(c.id(), c.name(), c.kind(), c.system(), Secrets.maskUrl(c.url()), c.username(),
                c.password() == null || c.password().isEmpty() ? null : MASK, properties);
    }
}
