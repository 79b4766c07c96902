package io.etlhub.connector;

import java.util.Map;

/**
 * Where a connector kind hands a record it could not process (a CDC event whose step failed). The
 * hub's dead-letter store implements it; connector stays free of pipeline.
 */
public interface DeadLetterSink {
    void deadLetter(String routeId, String recordKey, Map<String, String> payload, String error);
}
