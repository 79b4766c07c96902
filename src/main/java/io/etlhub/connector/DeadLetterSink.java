package io.etlhub.connector;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a connector kind hands a record it could not process (a CDC event whose step failed). The
 * hub's dead-letter store implements it; connector stays free of pipeline.
 */
public interface DeadLetterSink {
    /**
     * Exchange property carrying the {@link Letter} of the record an exchange delivers, so the route's dead-letter
     * channel keeps the record itself (and not the exchange's headers) when the exchange fails.
     */
    String LETTER = "EtlhubDeadLetter";

    /**
     * A record as the dead-letter store keeps it: its key (e.g. binlog position and primary key), what an admin reads
     * (payload; kind names the connector kind's records, e.g. cdc-event), and the record whole for a replay
     * ({@code event}, written only when the record fails).
     */
    record Letter(String key, Map<String, String> payload, Supplier<String> event) {}

    void deadLetter(String routeId, Letter letter, String error);
}
