package io.etlhub.connector.debezium;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

import java.util.Arrays;
import java.util.List;

/** One capture: a connector and the tables it watches. Consumer only. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "etlhub-cdc", title = "etl-hub CDC", syntax = "etlhub-cdc:connector",
        consumerOnly = true, category = {Category.DATABASE})
public class CdcEndpoint extends DefaultEndpoint {
    @UriPath(description = "A kind: debezium connector of connectors/")
    @Metadata(required = true)
    private final String connector;
    @UriParam(description = "Tables to capture, comma-separated, in the connector's database")
    @Metadata(required = true)
    private String tables;
    @UriParam(description = "How often the engine saves its binlog position; a crash replays at most this much", defaultValue = "1000")
    private long offsetFlushIntervalMs = 1000;
    @UriParam(description = "Debezium snapshot mode: no_data (changes from now on), initial (existing rows first), recovery",
            defaultValue = "no_data")
    private String snapshotMode = "no_data";
    @UriParam(description = "Replica server id, when two captures read the same server (default: the connector's server-id)")
    private Long serverId;
    @UriParam(description = "One exchange per engine poll, its body the poll's changes (a List of ChangeRecord) for a step that "
            + "processes them in one transaction; false = one exchange per change", defaultValue = "false")
    private boolean batch;
    @UriParam(description = "At most this many changes per engine poll (Debezium's max.batch.size)", defaultValue = "2048")
    private int maxBatchSize = CdcSettings.DEFAULT_MAX_BATCH_SIZE;
    @UriParam(description = "How long a poll waits for its batch to fill before handing over what it has (Debezium's poll.interval.ms)",
            defaultValue = "500")
    private long pollIntervalMs = CdcSettings.DEFAULT_POLL_INTERVAL_MS;
    @UriParam(description = "Health turns DOWN when the engine is not streaming this long after it started", defaultValue = "60")
    private int startGraceSeconds = 60;

    CdcEndpoint(String uri, CdcComponent component, String connector) {
        super(uri, component);
        this.connector = connector;
    }

    @Override
    public CdcComponent getComponent() {
        return (CdcComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("etlhub-cdc is a consumer: use it in from:");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        CdcConsumer consumer = new CdcConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The engine of the route that consumes this endpoint; its offset tables are named after the route. */
    CdcEngine newEngine(String routeId) {
        CdcComponent c = getComponent();
        CdcSource source = CdcSource.of(c.connector(connector));
        if (serverId != null) source = source.withServerId(serverId);
        CdcSettings settings = new CdcSettings(routeId, source, tableList(), c.store, offsetFlushIntervalMs, snapshotMode, maxBatchSize,
                pollIntervalMs);
        return new CdcEngine(settings, c.clock);
    }

    List<String> tableList() {
        return Arrays.stream(tables.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    public String getConnector() { return connector; }

    public String getTables() { return tables; }

    public void setTables(String tables) { this.tables = tables; }

    public long getOffsetFlushIntervalMs() { return offsetFlushIntervalMs; }

    public void setOffsetFlushIntervalMs(long offsetFlushIntervalMs) { this.offsetFlushIntervalMs = offsetFlushIntervalMs; }

    public String getSnapshotMode() { return snapshotMode; }

    public void setSnapshotMode(String snapshotMode) { this.snapshotMode = snapshotMode; }

    public Long getServerId() { return serverId; }

    public void setServerId(Long serverId) { this.serverId = serverId; }

    public boolean isBatch() { return batch; }

    public void setBatch(boolean batch) { this.batch = batch; }

    public int getMaxBatchSize() { return maxBatchSize; }

    public void setMaxBatchSize(int maxBatchSize) { this.maxBatchSize = maxBatchSize; }

    public long getPollIntervalMs() { return pollIntervalMs; }

    public void setPollIntervalMs(long pollIntervalMs) { this.pollIntervalMs = pollIntervalMs; }

    public int getStartGraceSeconds() { return startGraceSeconds; }

    public void setStartGraceSeconds(int startGraceSeconds) { this.startGraceSeconds = startGraceSeconds; }
}
