package io.etlhub.connector.debezium;

import io.etlhub.connector.DeadLetterSink;
import io.etlhub.connector.RedeliveringConsumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Feeds a route with the engine's changes, one exchange each, with two guarantees Camel's Debezium
 * consumer lacks: an event already finished (processed or dead-lettered) is skipped when the engine
 * replays it after a crash, and an event whose route failed goes to the hub's dead-letter store
 * (the engine counts every event as consumed, so a failure would otherwise be lost): by the route's
 * dead-letter channel when it has one (routeConfigurationId etlhub-runs, which finds the change on the
 * exchange, {@link DeadLetterSink#LETTER}), else here. The letter keeps the change whole ({@link StoredChange}),
 * so a replay delivers it again ({@link #redeliver}). When the hub store itself cannot be written the consumer
 * throws: the engine stops without saving the position and the event comes again after the restart.
 * <p>
 * With {@code batch=true} one exchange carries all new changes of an engine poll (body: a list of
 * {@link ChangeRecord}), processed inside one hub transaction together with remembering their keys;
 * the position is marked only after that commit. A batch whose route fails is rolled back whole and
 * then processed again change by change, so only the changes that fail alone reach the dead letters
 * and none is counted twice.
 */
class CdcConsumer extends DefaultConsumer implements RedeliveringConsumer {
    private static final Logger log = LoggerFactory.getLogger(CdcConsumer.class);

    /** Header of a batch exchange: how many changes its body holds. */
    public static final String BATCH_SIZE = "EtlhubCdcBatchSize";

    /** The idempotent consumer's keys are kept this long: a replay reaches back one offset flush, a week is ample. */
    static final Duration SEEN_KEYS_KEPT = Duration.ofDays(7);

    private final CdcEndpoint endpoint;
    private CdcEngine engine;

    CdcConsumer(CdcEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        String route = getRouteId();
        CdcComponent c = endpoint.getComponent();
        engine = endpoint.newEngine(route);
        c.engines.register(route, engine, Duration.ofSeconds(endpoint.getStartGraceSeconds()));
        c.seen.forgetOlderThan(route, SEEN_KEYS_KEPT);
        engine.start(endpoint.isBatch() ? this::onBatch : records -> records.forEach(this::onRecord));
    }

    @Override
    protected void doStop() throws Exception {
        if (engine != null) engine.stop();
        super.doStop();
    }

    @Override
    protected void doShutdown() throws Exception {
        endpoint.getComponent().engines.unregister(getRouteId());
        super.doShutdown();
    }

    /** A poll's changes: the new ones in one exchange and one hub transaction, or one by one when that fails. */
    void onBatch(List<SourceRecord> records) {
        CdcComponent c = endpoint.getComponent();
        String route = getRouteId();
        Map<String, ChangeRecord> changes = new LinkedHashMap<>();
        for (SourceRecord r : records) {
            ChangeRecord change = ChangeRecord.of(r);
            if (change != null) changes.putIfAbsent(change.eventKey(), change);
        }
        if (changes.isEmpty()) return;
        Set<String> seen = c.seen.seenAmong(route, List.copyOf(changes.keySet()));
        engine.replaysSkipped.addAndGet(seen.size());
        changes.keySet().removeAll(seen);
        if (changes.isEmpty()) return;
        List<ChangeRecord> batch = List.copyOf(changes.values());
        long started = System.nanoTime();
        Exception failure = c.hubTransactions.execute(status -> {
            Exchange exchange = createExchange(false);
            try {
                exchange.getMessage().setHeader(BATCH_SIZE, batch.size());
                exchange.getMessage().setBody(batch);
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            // Failed, or handled by the route's dead-letter channel (whose letter this rollback undoes), or a
            // redelivery that ran in a transaction an earlier attempt had marked for rollback.
            Exception failed = exchange.getException() != null ? exchange.getException()
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            if (failed == null && status.isRollbackOnly()) failed = new IllegalStateException("the batch's transaction was marked for rollback");
            releaseExchange(exchange, false);
            if (failed != null) {
                status.setRollbackOnly();
                return failed;
            }
            c.seen.rememberAll(route, batch.stream().map(ChangeRecord::eventKey).toList());
            return null;
        });
        if (failure == null) {
            log.debug("route {}: a batch of {} changes ({} replays skipped) in {} ms", route, batch.size(), seen.size(),
                    (System.nanoTime() - started) / 1_000_000);
            engine.processed.addAndGet(batch.size());
            engine.processedAt(batch.get(batch.size() - 1).sourceMillis());
            c.seen.forgetOlderThanWhenDue(route, SEEN_KEYS_KEPT);
            return;
        }
        log.warn("route {}: a batch of {} changes failed and was rolled back ({}); processing its changes one by one", route,
                batch.size(), failure.getMessage());
        for (ChangeRecord change : batch) onChange(change);
    }

    void onRecord(SourceRecord record) {
        ChangeRecord change = ChangeRecord.of(record);
        if (change != null) onChange(change);
    }

    private void onChange(ChangeRecord change) {
        CdcComponent c = endpoint.getComponent();
        String route = getRouteId();
        String key = change.eventKey();
        if (c.seen.seen(route, key)) {
            engine.replaysSkipped.incrementAndGet();
            return;
        }
        Exchange exchange = deliver(change, Map.of());
        Exception failure = exchange.getException();
        if (failure != null) {
            log.warn("route {}: change {} failed, sent to the dead letters: {}", route, key, failure.getMessage());
            c.deadLetters.deadLetter(route, letter(change), failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
        if (failed(exchange)) engine.deadLettered.incrementAndGet();
        else engine.processed.incrementAndGet();
        c.seen.remember(route, key);
        engine.processedAt(change.sourceMillis());
        releaseExchange(exchange, false);
        c.seen.forgetOlderThanWhenDue(route, SEEN_KEYS_KEPT);
    }

    /** A dead-lettered change again, as it first came: the idempotent consumer saw it fail, so it is not asked. */
    @Override
    public Exchange redeliver(String storedEvent, Map<String, Object> headers) {
        return deliver(StoredChange.read(storedEvent), headers);
    }

    private Exchange deliver(ChangeRecord change, Map<String, Object> headers) {
        Exchange exchange = createExchange(false);
        try {
            change.putOn(exchange);
            headers.forEach(exchange.getMessage()::setHeader);
            exchange.setProperty(DeadLetterSink.LETTER, letter(change));
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        return exchange;
    }

    private static DeadLetterSink.Letter letter(ChangeRecord change) {
        return new DeadLetterSink.Letter(change.eventKey(), change.payload(), () -> StoredChange.write(change));
    }

    /** Failed, whether the route's dead-letter channel took it (handled) or not. */
    static boolean failed(Exchange exchange) {
        return exchange.getException() != null || exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null;
    }
}
