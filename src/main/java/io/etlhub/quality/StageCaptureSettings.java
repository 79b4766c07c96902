package io.etlhub.quality;

import io.etlhub.connector.TableMapping;

/**
 * What the stage capture watches: the {@code kind: debezium} connector (connectors/crm-cdc.yml) and
 * the opportunity table of mappings/crm.yml. The capture mechanism itself is the connector's
 * {@code etlhub-cdc:} endpoint; quality only records what it delivers.
 */
public record StageCaptureSettings(String connector, TableMapping opportunity, long offsetFlushIntervalMs, int startGraceSeconds) {

    /** The route's source, as a route file would write it: {@code from: etlhub-cdc:crm-cdc?tables=crm_opportunity}. */
    public String endpointUri() {
        return "etlhub-cdc:" + connector + "?tables=" + opportunity.table() + "&offsetFlushIntervalMs=" + offsetFlushIntervalMs
                + "&startGraceSeconds=" + startGraceSeconds;
    }

    public String routeId() { return "stage-capture-" + connector; }
}
