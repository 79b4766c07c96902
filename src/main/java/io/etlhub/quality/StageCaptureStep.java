package io.etlhub.quality;

import io.etlhub.connector.TableMapping;
import io.etlhub.crm.Crm;
import io.etlhub.pipeline.ChangeJob;
import io.etlhub.pipeline.RouteDefinition;
import org.apache.camel.Exchange;
import org.apache.camel.util.URISupport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Arrays;

/**
 * Route kind {@code stage-capture} (routes/stage-capture.yaml): {@code from: etlhub-cdc:crm-cdc?tables=...}
 * (the debezium connector kind: offsets in the hub store, replays skipped, failures dead-lettered) to
 * {@code etlhub:stage-capture}, which records each stage change of the CRM's opportunity table
 * (mappings/crm.yml, read at every change) into the hub's stage history.
 */
@Component
class StageCaptureStep implements ChangeJob {
    private final Crm crm;
    private final StageChangeRecorder recorder;

    StageCaptureStep(Crm crm, JdbcTemplate hub, Clock clock) {
        this.crm = crm;
        this.recorder = new StageChangeRecorder(hub, clock.getZone(), clock);
    }

    @Override
    public String kind() { return "stage-capture"; }

    @Override
    public String fedBy() { return "etlhub-cdc"; }

    /** The route's start must capture the opportunity table of mappings/crm.yml. */
    @Override
    public void validate(RouteDefinition route) {
        String table = crm.table("opportunity").table();
        String from = route.from();
        int q = from.indexOf('?');
        Object tables;
        try {
            tables = q < 0 ? null : URISupport.parseQuery(from.substring(q + 1), true).get("tables");
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("cannot read the options of " + from + ": " + e.getMessage());
        }
        boolean listed = tables != null && Arrays.stream(tables.toString().split(",")).map(String::trim)
                .anyMatch(t -> t.equalsIgnoreCase(table) || t.toLowerCase().endsWith("." + table.toLowerCase()));
        if (!listed) {
            throw new IllegalArgumentException("the route's start must capture the opportunity table '" + table
                    + "' of mappings/crm.yml: tables: " + table + " (found: " + tables + ")");
        }
    }

    @Override
    public void onEvent(RouteDefinition route, Exchange exchange) {
        TableMapping opportunity = crm.table("opportunity");
        recorder.record(opportunity, exchange);
    }
}
