package io.etlhub.connector.debezium;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.ConnectorDefinition;
import io.etlhub.connector.DeadLetterSink;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Map;

/**
 * Camel component {@code etlhub-cdc}: {@code from: etlhub-cdc:<connector>?tables=t1,t2}. The connector
 * is a {@code kind: debezium} file of connectors/ (or a ConnectorDefinition bound in the Camel
 * registry under that name).
 */
public class CdcComponent extends DefaultComponent {
    final ConnectorCatalog connectors;
    final CdcStore store;
    final SeenEvents seen;
    final DeadLetterSink deadLetters;
    final CdcEngines engines;
    final Clock clock;
    /** The hub store's transactions: a batch's step and its seen keys commit together. */
    final TransactionTemplate hubTransactions;

    public CdcComponent(ConnectorCatalog connectors, CdcStore store, SeenEvents seen, DeadLetterSink deadLetters,
                        CdcEngines engines, Clock clock) {
        this(connectors, store, seen, deadLetters, engines, clock, null);
    }

    public CdcComponent(ConnectorCatalog connectors, CdcStore store, SeenEvents seen, DeadLetterSink deadLetters,
                        CdcEngines engines, Clock clock, TransactionTemplate hubTransactions) {
        this.hubTransactions = hubTransactions;
        this.connectors = connectors;
        this.store = store;
        this.seen = seen;
        this.deadLetters = deadLetters;
        this.engines = engines;
        this.clock = clock;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        CdcEndpoint endpoint = new CdcEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        if (endpoint.getTables() == null || endpoint.getTables().isBlank()) {
            throw new IllegalArgumentException(uri + ": option tables is required (the tables to capture, comma-separated)");
        }
        return endpoint;
    }

    ConnectorDefinition connector(String id) {
        ConnectorDefinition bound = getCamelContext().getRegistry().lookupByNameAndType(id, ConnectorDefinition.class);
        ConnectorDefinition c = bound != null ? bound : connectors.get(id);
        if (!"debezium".equals(c.kind())) {
            throw new IllegalArgumentException("connector " + id + " is of kind '" + c.kind() + "'; etlhub-cdc needs kind: debezium");
        }
        return c;
    }
}
