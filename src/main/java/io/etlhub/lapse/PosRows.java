package io.etlhub.lapse;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads POS rows by the mapping's column names, from a CDC change (a Debezium row) or a polled JDBC
 * row: a sale line, or a ticket's member. A row that cannot be read fails naming the POS, table,
 * ticket, line and column.
 */
final class PosRows {
    private PosRows() {}

    /** A column's value and the name of its logical type (Debezium's time types), or null. */
    interface Row {
        Object value(String column);

        default String typeName(String column) { return null; }
    }

    static Row of(Struct s) {
        return new Row() {
            @Override
            public Object value(String column) {
                return s.schema().field(column) == null ? null : s.get(column);
            }

            @Override
            public String typeName(String column) {
                Field f = s.schema().field(column);
                return f == null ? null : f.schema().name();
            }
        };
    }

    static Row of(Map<String, Object> jdbc) {
        Map<String, Object> lower = new java.util.HashMap<>();
        jdbc.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return column -> lower.get(column.toLowerCase(java.util.Locale.ROOT));
    }

    static SaleLine line(PosSaleMapping m, Row row) {
        var t = m.lines();
        String ticket = text(row.value(t.col("ticket")));
        String line = text(row.value(t.col("line")));
        String where = "POS " + m.pos() + ", table " + t.table() + ", ticket " + ticket + ", line " + line;
        BiFunction<String, Boolean, Object> need = (field, required) -> {
            if (!t.has(field)) return null;
            Object v = row.value(t.col(field));
            if (required && (v == null || v.toString().isBlank())) {
                throw new IllegalArgumentException(where + ": column " + t.col(field) + " (" + field + ") is empty");
            }
            return v;
        };
        if (ticket == null || line == null) throw new IllegalArgumentException(where + ": the ticket or line column is empty");
        boolean isReturn = m.isReturn(need.apply("sell-way", false));
        BigDecimal amount = decimal(need.apply("amount", true), where, t.col("amount")).abs();
        BigDecimal quantity = decimal(need.apply("quantity", true), where, t.col("quantity")).abs();
        String card = text(need.apply("card", false));
        // Returns lower spend; their sign in the POS varies by version (unconfirmed), so the hub sets it.
        return new SaleLine(m.pos(), ticket, line, text(need.apply("store", true)), text(need.apply("item", true)),
                text(need.apply("category", false)), day(need.apply("sold-at", true), row.typeName(t.col("sold-at")), where, t.col("sold-at")),
                isReturn ? amount.negate() : amount, isReturn ? quantity.negate() : quantity, isReturn, card == null || card.isBlank() ? null : card);
    }

    /** The member card of a payment row, or null when the payment names none. */
    static String ticketCard(PosSaleMapping m, Row row) {
        String card = text(row.value(m.payments().col("card")));
        return card == null || card.isBlank() ? null : card;
    }

    static String ticket(PosSaleMapping m, Row row) {
        return text(row.value(m.payments().col("ticket")));
    }

    static String text(Object v) {
        return v == null ? null : v.toString().trim();
    }

    private static BigDecimal decimal(Object v, String where, String column) {
        if (v instanceof BigDecimal b) return b;
        try {
            return new BigDecimal(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": column " + column + " is not a number: '" + v + "'");
        }
    }

    /**
     * The sale day. Debezium gives a DATETIME as the wall-clock time counted from 1970 in UTC
     * (io.debezium.time.Timestamp in ms, MicroTimestamp in µs, NanoTimestamp in ns), a DATE as days.
     */
    static LocalDate day(Object v, String type, String where, String column) {
        if (v instanceof java.sql.Timestamp ts) return ts.toLocalDateTime().toLocalDate();
        if (v instanceof java.sql.Date d) return d.toLocalDate();
        if (v instanceof LocalDateTime ldt) return ldt.toLocalDate();
        if (v instanceof LocalDate ld) return ld;
        if (v instanceof java.util.Date d) return LocalDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC).toLocalDate();
        if (v instanceof Number n) {
            long x = n.longValue();
            if ("io.debezium.time.Date".equals(type)) return LocalDate.ofEpochDay(x);
            long millis = "io.debezium.time.MicroTimestamp".equals(type) ? x / 1000
                    : "io.debezium.time.NanoTimestamp".equals(type) ? x / 1_000_000 : x;
            return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC).toLocalDate();
        }
        if (v instanceof String s) {
            try {
                return s.length() == 10 ? LocalDate.parse(s) : OffsetDateTime.parse(s).toLocalDate();
            } catch (RuntimeException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException(where + ": column " + column + " is not a date/time: '" + v + "'");
    }
}
