package io.etlhub.reconciliation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money rules of the report: 2 decimals, HALF_UP; null counts as zero. */
final class Money {
    static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private Money() {}

    static BigDecimal of(BigDecimal value) {
        return value == null ? ZERO : value.setScale(2, RoundingMode.HALF_UP);
    }

    static BigDecimal add(BigDecimal a, BigDecimal b) {
        return of(a).add(of(b));
    }

    /** deviation as a percent of base, 2 decimals; null when the base is zero. */
    static BigDecimal percent(BigDecimal deviation, BigDecimal base) {
        if (base == null || base.signum() == 0) return null;
        return deviation.multiply(BigDecimal.valueOf(100)).divide(base, 2, RoundingMode.HALF_UP);
    }
}
