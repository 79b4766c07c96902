package io.etlhub.customerview;

import java.sql.Timestamp;
import java.time.LocalDateTime;

/** A date-time column as the hub store's driver returns it (Timestamp from H2, LocalDateTime from MariaDB). */
final class Times {
    private Times() {}

    static LocalDateTime of(Object value) {
        if (value == null) return null;
        if (value instanceof Timestamp t) return t.toLocalDateTime();
        if (value instanceof LocalDateTime l) return l;
        if (value instanceof java.time.OffsetDateTime o) return o.toLocalDateTime();
        return LocalDateTime.parse(value.toString().replace(' ', 'T'));
    }
}
