package io.etlhub.customerview;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

/**
 * Whether a view row about to be written says the same as the CRM's stored row: every column but the times that
 * only say when it was worked out (the groups' as-of times and refreshed-at). Values are compared as what they
 * mean (a number by value whatever its scale or type, a time to the millisecond, a flag 1/true), so that the
 * CRM's column types do not make a row look changed; anything not plainly equal counts as changed.
 */
final class ViewRows {
    /** Columns that move on every refresh without the figures moving. */
    static final Set<String> TIMES = Set.of("schedule-as-of", "stock-as-of", "credit-as-of", "refreshed-at");

    private ViewRows() {}

    static boolean same(Map<String, Object> row, Map<String, Object> stored) {
        if (stored == null) return false;
        for (Map.Entry<String, Object> e : row.entrySet()) {
            if (TIMES.contains(e.getKey())) continue;
            if (!stored.containsKey(e.getKey()) || !sameValue(e.getValue(), stored.get(e.getKey()))) return false;
        }
        return true;
    }

    static boolean sameValue(Object a, Object b) {
        if (a == null || b == null) return a == null && b == null;
        if (a instanceof Boolean x) a = x ? 1 : 0;
        if (b instanceof Boolean y) b = y ? 1 : 0;
        if (a instanceof Number x && b instanceof Number y) return decimal(x).compareTo(decimal(y)) == 0;
        LocalDateTime ta = time(a), tb = time(b);
        if (ta != null && tb != null) return ta.truncatedTo(ChronoUnit.MILLIS).equals(tb.truncatedTo(ChronoUnit.MILLIS));
        if (a instanceof String x && b instanceof String y) return x.equals(y);
        return a.equals(b);
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
    }

    private static LocalDateTime time(Object v) {
        if (v instanceof java.sql.Timestamp || v instanceof LocalDateTime || v instanceof java.time.OffsetDateTime) return Times.of(v);
        if (v instanceof java.sql.Date d) return d.toLocalDate().atStartOfDay();
        if (v instanceof LocalDate d) return d.atStartOfDay();
        return null;
    }
}
