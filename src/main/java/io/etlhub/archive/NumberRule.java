package io.etlhub.archive;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers, also when stored as text: half-width, thousands separators, a trailing 元/万元 and ￥ removed
 * (万元 multiplies by 10,000). Out as a plain decimal with 2 places, HALF_UP.
 */
public final class NumberRule implements FieldRule {
    /** 100 written as 100.00 is no change worth reporting. */
    @Override
    public boolean unchanged(String text, String cleaned) {
        try {
            return new BigDecimal(text.trim()).compareTo(new BigDecimal(cleaned)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public Cleaned apply(String text) {
        String s = Widths.half(text).replace(",", "").replace(" ", "").replace("¥", "").replace("￥", "");
        if (s.isEmpty()) return Cleaned.BLANK;
        BigDecimal factor = BigDecimal.ONE;
        if (s.endsWith("万元") || s.endsWith("万")) {
            factor = BigDecimal.valueOf(10_000);
            s = s.substring(0, s.indexOf('万'));
        } else if (s.endsWith("元")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Cleaned.of(new BigDecimal(s).multiply(factor).setScale(2, RoundingMode.HALF_UP).toPlainString());
        } catch (NumberFormatException e) {
            return Cleaned.reject("archive.reason.number");
        }
    }
}
