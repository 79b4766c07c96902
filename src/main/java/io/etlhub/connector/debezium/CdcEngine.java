package io.etlhub.connector.debezium;

import io.debezium.embedded.Connect;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One Debezium embedded engine (no Kafka). We run the engine ourselves rather than through Camel's
 * debezium-mysql consumer because that consumer hides the engine: a connector that fails at start
 * leaves the Camel route started and silent, and its MariaDB use needs the MySQL endpoint with an
 * overridden connector class. Here the engine's own callbacks set the state the health check reads,
 * and the MySQL and MariaDB connectors are chosen by class, both Debezium 3.4.0.Final.
 */
public class CdcEngine {
    private static final Logger log = LoggerFactory.getLogger(CdcEngine.class);

    private final CdcSettings settings;
    private final Clock clock;
    private final AtomicReference<CdcState> state = new AtomicReference<>(CdcState.STOPPED);
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicReference<Instant> startedAt = new AtomicReference<>();
    private final AtomicReference<Instant> lastEventAt = new AtomicReference<>();
    private final AtomicReference<Long> lagMillis = new AtomicReference<>();
    final AtomicLong processed = new AtomicLong();
    final AtomicLong replaysSkipped = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    private DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;
    private ExecutorService executor;

    public CdcEngine(CdcSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public CdcSettings settings() { return settings; }

    /**
     * Starts the engine on its own thread; {@code handler} gets the change records of each poll, in
     * binlog order. Their position is marked for the next offset flush only once the handler returned:
     * a handler that throws stops the engine, and those records come again after the restart.
     */
    public synchronized void start(Consumer<List<SourceRecord>> handler) {
        if (engine != null) return;
        lastError.set(null);
        startedAt.set(clock.instant());
        state.set(CdcState.STARTING);
        engine = DebeziumEngine.create(Connect.class)
                .using(settings.engineProperties())
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void pollingStarted() { state.compareAndSet(CdcState.STARTING, CdcState.RUNNING); }
                })
                .using((success, message, error) -> {
                    if (!success) {
                        lastError.set(error == null ? message : message + ": " + error.getMessage());
                        state.set(CdcState.FAILED);
                        log.error("CDC engine {} stopped with an error: {}", settings.engine(), message, error);
                    } else if (state.get() != CdcState.FAILED) {
                        state.set(CdcState.STOPPED);
                    }
                })
                .notifying(new DebeziumEngine.ChangeConsumer<ChangeEvent<SourceRecord, SourceRecord>>() {
                    @Override
                    public void handleBatch(List<ChangeEvent<SourceRecord, SourceRecord>> events,
                                            DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer)
                            throws InterruptedException {
                        handler.accept(events.stream().map(ChangeEvent::value).toList());
                        for (ChangeEvent<SourceRecord, SourceRecord> e : events) committer.markProcessed(e);
                        committer.markBatchFinished();
                    }
                })
                .build();
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "etlhub-cdc-" + settings.engine()));
        executor.submit(engine);
    }

    /** Stops the engine; it saves its position first, so a restart goes on where it stopped. */
    public synchronized void stop() {
        if (engine == null) return;
        try {
            engine.close();
        } catch (IOException e) {
            log.warn("CDC engine {} did not close cleanly: {}", settings.engine(), e.getMessage());
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine = null;
        if (state.get() != CdcState.FAILED) state.set(CdcState.STOPPED);
    }

    void processedAt(Long sourceMillis) {
        Instant now = clock.instant();
        lastEventAt.set(now);
        if (sourceMillis != null && sourceMillis > 0) lagMillis.set(Math.max(0, now.toEpochMilli() - sourceMillis));
    }

    /** Whether the connector reads the binlog right now (its own streaming metric). */
    public boolean streaming() {
        if (state.get() != CdcState.RUNNING) return false;
        try {
            Object connected = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName(settings.streamingMetricsName()), "Connected");
            return Boolean.TRUE.equals(connected);
        } catch (Exception notRegisteredYet) {
            return false;
        }
    }

    public CdcState state() { return state.get(); }

    public Instant startedAt() { return startedAt.get(); }

    public CdcStatus status(String route) {
        return new CdcStatus(route, settings.source().connector(), settings.source().flavour(), state.get(), streaming(),
                processed.get(), replaysSkipped.get(), deadLettered.get(), lagMillis.get(), lastEventAt.get(), startedAt.get(),
                lastError.get());
    }
}
