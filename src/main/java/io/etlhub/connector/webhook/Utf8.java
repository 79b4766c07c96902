package io.etlhub.connector.webhook;

import java.nio.charset.StandardCharsets;

/** The robots limit messages in UTF-8 bytes, and Chinese takes three a character. */
final class Utf8 {
    private Utf8() {}

    static String cut(String s, int maxBytes) {
        if (s == null) return "";
        if (s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) return s;
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > maxBytes - 3) break;
            out.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return out.append("…").toString();
    }
}
