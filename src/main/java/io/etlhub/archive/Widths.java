package io.etlhub.archive;

/** Full-width to half-width and whitespace clean-up, the first step of every rule. */
public final class Widths {
    private Widths() {}

    /** Full-width ASCII (U+FF01..U+FF5E) to ASCII, ideographic space to space, then trimmed with inner runs collapsed. */
    public static String half(String s) {
        if (s == null) return null;
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') c = (char) (c - 0xFEE0);
            if (c == '\u3000' || c == '\u00A0' || Character.isWhitespace(c)) {
                space = b.length() > 0;
                continue;
            }
            if (space) b.append(' ');
            space = false;
            b.append(c);
        }
        return b.toString();
    }
}
