package io.etlhub.archive;

import java.util.Locale;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character set below; the last one is
 * a check character over the first 17 (weights 3^i mod 31, check = 31 - sum mod 31, 31 -> 0).
 */
public final class CreditCodeRule implements FieldRule {
    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    @Override
    public Cleaned apply(String text) {
        String s = Widths.half(text).replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
        if (s.isEmpty()) return Cleaned.BLANK;
        if (s.length() != 18) return Cleaned.reject("archive.reason.credit-code.length");
        for (int i = 0; i < 18; i++) {
            if (CHARSET.indexOf(s.charAt(i)) < 0) return Cleaned.reject("archive.reason.credit-code.char");
        }
        return checkChar(s.substring(0, 17)) == s.charAt(17) ? Cleaned.of(s) : Cleaned.reject("archive.reason.credit-code.check");
    }

    /** The check character for the first 17 characters (all from {@link #CHARSET}). */
    public static char checkChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += CHARSET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        int c = 31 - sum % 31;
        return CHARSET.charAt(c == 31 ? 0 : c);
    }
}
