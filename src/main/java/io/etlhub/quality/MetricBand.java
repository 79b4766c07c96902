package io.etlhub.quality;

import java.math.BigDecimal;

/**
 * The red/amber/green bands of one metric from mappings/quality.yml. {@code better: lower}: green
 * while value <= green, amber while value <= amber, red above; {@code better: higher} the mirror.
 */
public record MetricBand(String better, BigDecimal green, BigDecimal amber, String unit) {

    public boolean higherIsBetter() { return "higher".equals(better); }

    public Verdict judge(BigDecimal value) {
        if (value == null) return Verdict.NONE;
        if (higherIsBetter()) {
            if (value.compareTo(green) >= 0) return Verdict.GREEN;
            return value.compareTo(amber) >= 0 ? Verdict.AMBER : Verdict.RED;
        }
        if (value.compareTo(green) <= 0) return Verdict.GREEN;
        return value.compareTo(amber) <= 0 ? Verdict.AMBER : Verdict.RED;
    }

    /** Why this band cannot be used, or null when it is fine. */
    String problem() {
        if (!"lower".equals(better) && !"higher".equals(better)) return "better must be 'lower' or 'higher', found '" + better + "'";
        if (green == null || amber == null) return "green and amber are both required";
        if (higherIsBetter() && amber.compareTo(green) > 0) return "amber (" + amber + ") must not be above green (" + green + ") when higher is better";
        if (!higherIsBetter() && amber.compareTo(green) < 0) return "amber (" + amber + ") must not be below green (" + green + ") when lower is better";
        if (unit == null || !java.util.List.of("percent", "days", "hours", "count", "per-customer").contains(unit)) {
            return "unit must be percent, days, hours, count or per-customer, found '" + unit + "'";
        }
        return null;
    }
}
