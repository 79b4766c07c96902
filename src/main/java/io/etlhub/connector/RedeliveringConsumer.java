package io.etlhub.connector;

import org.apache.camel.Exchange;

import java.util.Map;

/**
 * A route's start that can deliver a dead-lettered record of its own again ({@link DeadLetterSink.Letter#event()}),
 * as one exchange through the route, past its idempotent consumer (the record was seen when it failed). The caller
 * makes sure it happens once (the dead letter's claim).
 */
public interface RedeliveringConsumer {
    /** The processed exchange (failed or not); {@code headers} go on it before the route sees it. */
    Exchange redeliver(String storedEvent, Map<String, Object> headers);
}
