package io.etlhub.archive;

/**
 * Mobile and landline numbers to one canonical form: mobiles as 11 digits (13812345678), landlines
 * as area code, dash, number and an optional dash extension (0571-88886666, 010-12345678-801).
 * +86, 0086 and 86 prefixes, spaces, dashes, dots and brackets are dropped. {@code mobileOnly}
 * rejects landlines (a 手机 column); otherwise both are accepted (a 电话 column).
 */
public final class PhoneRule implements FieldRule {
    /** What a phone number may be written with besides digits. */
    private static final java.util.regex.Pattern PUNCTUATION = java.util.regex.Pattern.compile("[\\d\\s\\-+().（）]");
    private final boolean mobileOnly;

    public PhoneRule(boolean mobileOnly) {
        this.mobileOnly = mobileOnly;
    }

    @Override
    public Cleaned apply(String text) {
        String s = Widths.half(text);
        if (s.isEmpty()) return Cleaned.BLANK;
        // An extension written as 转801, ext 801, x801 or #801.
        String extension = null;
        String lower = s.toLowerCase();
        for (String mark : new String[] {"转", "ext.", "ext", "x", "#"}) {
            int at = lower.indexOf(mark);
            if (at > 0) {
                extension = digits(s.substring(at + mark.length()));
                s = s.substring(0, at);
                break;
            }
        }
        boolean international = s.startsWith("+") || s.startsWith("0086");
        String d = digits(s);
        if (d == null || !PUNCTUATION.matcher(s).replaceAll("").isEmpty()) return Cleaned.reject("archive.reason.phone");
        if (d.startsWith("0086")) d = d.substring(4);
        else if (international && d.startsWith("86")) d = d.substring(2);
        else if (d.length() == 13 && d.startsWith("861")) d = d.substring(2);
        if (d.length() == 11 && d.charAt(0) == '1' && d.charAt(1) >= '3') {
            return extension == null ? Cleaned.of(d) : Cleaned.reject("archive.reason.phone");
        }
        if (mobileOnly) return Cleaned.reject("archive.reason.mobile");
        // After +86 a landline's area code loses its leading 0.
        if (international && d.charAt(0) != '0') d = "0" + d;
        if (d.charAt(0) != '0') return Cleaned.reject("archive.reason.phone.area-code");
        // 010 and 02x are 3-digit area codes, every other one has 4 digits.
        int area = d.startsWith("010") || d.startsWith("02") ? 3 : 4;
        String local = d.substring(Math.min(area, d.length()));
        if (local.length() < 7 || local.length() > 8) {
            // A number typed with its extension glued on by a dash: 0571-88886666-801.
            String[] parts = text.replaceAll("[^\\d\\-]", "").split("-");
            if (extension == null && parts.length == 3 && parts[1].length() >= 7 && parts[1].length() <= 8) {
                return Cleaned.of(d.substring(0, area) + "-" + parts[1] + "-" + parts[2]);
            }
            return Cleaned.reject("archive.reason.phone");
        }
        String canonical = d.substring(0, area) + "-" + local;
        return Cleaned.of(extension == null || extension.isEmpty() ? canonical : canonical + "-" + extension);
    }

    private static String digits(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) if (Character.isDigit(s.charAt(i))) b.append(s.charAt(i));
        return b.length() == 0 ? null : b.toString();
    }
}
