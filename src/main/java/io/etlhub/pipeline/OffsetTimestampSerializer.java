package io.etlhub.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Writes a LocalDateTime of the hub's zone with its offset, to the millisecond as the log has it:
 * 2026-11-24T18:43:30+08:00, 2026-11-24T18:43:30.015+08:00. A reader elsewhere gets the instant right.
 */
final class OffsetTimestampSerializer extends StdSerializer<LocalDateTime> {
    private final ZoneId zone;

    OffsetTimestampSerializer(ZoneId zone) {
        super(LocalDateTime.class);
        this.zone = zone;
    }

    @Override
    public void serialize(LocalDateTime value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(value.truncatedTo(ChronoUnit.MILLIS).atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }
}
