package io.etlhub.connector.debezium;

import java.time.Instant;

/**
 * One capture as the health check and the console show it. {@code lagMillis} is the time between
 * the source commit (the binlog event's ts_ms) and the end of its processing, for the last event.
 */
public record CdcStatus(String route, String connector, String flavour, CdcState state, boolean streaming,
                        long processed, long replaysSkipped, long deadLettered, Long lagMillis, Instant lastEventAt,
                        Instant startedAt, String lastError) {}
