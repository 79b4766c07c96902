package io.etlhub.receipts;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds CRM opportunity numbers in an ERP memo. The memo is normalised first: full-width
 * characters to half-width (NFKC), every kind of dash to '-', spaces around dashes removed, upper
 * case, labels such as "商机号:" removed. The number format is the CRM mapping's regex.
 */
public final class OpportunityNumberMatcher {
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u3000]+");

    private final Pattern number;
    private final List<String> labels;

    public OpportunityNumberMatcher(String pattern, List<String> labels) {
        // Bounded so that "OPP-2026-000123" is not read as "OPP-2026-00012".
        this.number = Pattern.compile("(?<![A-Z0-9])(?:" + pattern + ")(?![0-9])", Pattern.CASE_INSENSITIVE);
        List<String> normalisedLabels = new ArrayList<>();
        for (String label : labels == null ? List.<String>of() : labels) {
            normalisedLabels.add(normaliseText(label));
        }
        normalisedLabels.sort((a, b) -> b.length() - a.length());
        this.labels = List.copyOf(normalisedLabels);
    }

    static String normaliseText(String memo) {
        if (memo == null) return "";
        String s = Normalizer.normalize(memo, Normalizer.Form.NFKC);
        // One pass instead of three regex replacements (a first load normalises a million memos): dashes
        // become '-', spaces next to a dash go, other runs of spaces become one. NFKC has already turned
        // no-break and ideographic spaces into plain ones.
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                space = true;
            } else if (c == '-' || isDash(c)) {
                out.append('-');
                space = false;
                while (i + 1 < s.length() && isSpace(s.charAt(i + 1))) i++;
            } else {
                if (space) out.append(' ');
                space = false;
                out.append(c);
            }
        }
        return out.toString().trim().toUpperCase(Locale.ROOT);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == '\u00A0' || c == '\u3000';
    }

    private static boolean isDash(char c) {
        return (c >= '\u2010' && c <= '\u2015') || c == '\u2212' || c == '\u2E3A' || c == '\u2E3B' || c == '\u30FC'
                || c == '\uFE58' || c == '\uFE63' || c == '\uFF70' || c == '_' || c == '~';
    }

    public String normalise(String memo) {
        String s = normaliseText(memo);
        for (String label : labels) {
            if (s.contains(label)) s = s.replace(label + ":", " ").replace(label, " ");
        }
        return SPACES.matcher(s).replaceAll(" ").trim();
    }

    /** The distinct opportunity numbers in the memo, in the order they appear. */
    public List<String> find(String memo) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = number.matcher(normalise(memo));
        while (m.find()) found.add(m.group().toUpperCase(Locale.ROOT));
        return List.copyOf(found);
    }
}
