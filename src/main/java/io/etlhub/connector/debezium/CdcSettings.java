package io.etlhub.connector.debezium;

import java.util.List;
import java.util.Properties;

/**
 * Everything one engine needs: the source, the tables it captures, where its offsets and schema
 * history live, how often it saves its position, and how it hands changes over: at most
 * {@code maxBatchSize} per poll, a poll waiting at most {@code pollIntervalMs} for a batch to fill.
 * Builds the Debezium 3.4 engine properties.
 */
public record CdcSettings(String engine, CdcSource source, List<String> tables, CdcStore store, long offsetFlushIntervalMs,
                          String snapshotMode, int maxBatchSize, long pollIntervalMs) {

    /** Debezium's own batch size and poll interval. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 2048;
    public static final long DEFAULT_POLL_INTERVAL_MS = 500;

    public CdcSettings(String engine, CdcSource source, List<String> tables, CdcStore store, long offsetFlushIntervalMs, String snapshotMode) {
        this(engine, source, tables, store, offsetFlushIntervalMs, snapshotMode, DEFAULT_MAX_BATCH_SIZE, DEFAULT_POLL_INTERVAL_MS);
    }

    public Properties engineProperties() {
        Properties p = new Properties();
        p.setProperty("name", engine);
        p.setProperty("connector.class", source.connectorClass());
        p.setProperty("topic.prefix", topicPrefix());
        p.setProperty("database.hostname", source.host());
        p.setProperty("database.port", String.valueOf(source.port()));
        p.setProperty("database.user", source.user() == null ? "" : source.user());
        p.setProperty("database.password", source.password());
        p.setProperty("database.server.id", String.valueOf(source.serverId()));
        p.setProperty("database.include.list", source.database());
        p.setProperty("table.include.list", String.join(",", tables.stream().map(t -> source.database() + "." + t).toList()));
        p.setProperty("snapshot.mode", snapshotMode);
        p.setProperty("include.schema.changes", "false");
        // No global read lock while the snapshot reads the schema: the schema history is written to the hub
        // store during the snapshot, and when the hub lives on the source server (tests, small sites) the
        // lock would block that write for ever. The cost: a DDL in that instant could be missed.
        p.setProperty("snapshot.locking.mode", "none");
        if (source.flavour().equals("mariadb")) {
            // Without a valid ssl mode the MariaDB connector rejects its configuration and the engine dies.
            p.setProperty("database.ssl.mode", "disable");
            // The driver's default sets the JVM's named zone on the session, which a server without
            // time-zone tables rejects; the capture reads the binlog's own timestamps.
            p.setProperty("database.timezone", "disable");
        } else {
            p.setProperty("database.ssl.mode", "preferred");
        }
        p.setProperty("offset.storage", HubOffsetStore.class.getName());
        p.setProperty(HubOffsetStore.ENGINE, engine);
        p.setProperty(HubOffsetStore.STORE, store.id());
        p.setProperty("offset.flush.interval.ms", String.valueOf(offsetFlushIntervalMs));
        // A poll returns when the batch is full or this interval has passed: the wait a change can spend queued.
        p.setProperty("max.batch.size", String.valueOf(maxBatchSize));
        p.setProperty("max.queue.size", String.valueOf(Math.max(8192, 4 * maxBatchSize)));
        p.setProperty("poll.interval.ms", String.valueOf(pollIntervalMs));
        p.setProperty("schema.history.internal", HubSchemaHistory.class.getName());
        p.setProperty(HubSchemaHistory.ENGINE, engine);
        p.setProperty(HubSchemaHistory.STORE, store.id());
        return p;
    }

    public String topicPrefix() {
        return "etlhub-" + engine.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** The JMX name of the connector's streaming metrics (their Connected attribute says whether the binlog is read). */
    public String streamingMetricsName() {
        return "debezium." + source.flavour() + ":type=connector-metrics,context=streaming,server=" + topicPrefix();
    }
}
