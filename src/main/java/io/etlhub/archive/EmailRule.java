package io.etlhub.archive;

import java.util.Locale;
import java.util.regex.Pattern;

/** An e-mail address: half-width, no spaces, lower case, one @ and a dotted domain. */
public final class EmailRule implements FieldRule {
    private static final Pattern EMAIL = Pattern.compile("[a-z0-9._%+\\-]+@[a-z0-9\\-]+(\\.[a-z0-9\\-]+)*\\.[a-z]{2,}");

    @Override
    public Cleaned apply(String text) {
        String s = Widths.half(text).replace(" ", "").replace('。', '.').toLowerCase(Locale.ROOT);
        if (s.isEmpty()) return Cleaned.BLANK;
        if (s.startsWith("mailto:")) s = s.substring(7);
        return EMAIL.matcher(s).matches() ? Cleaned.of(s) : Cleaned.reject("archive.reason.email");
    }
}
