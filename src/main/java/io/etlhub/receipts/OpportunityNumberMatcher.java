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
    private static final Pattern DASHES = Pattern.compile("[\\u2010-\\u2015\\u2212\\u2E3A\\u2E3B\\u30FC\\uFE58\\uFE63\\uFF70_~]");
    private static final Pattern SPACES_AROUND_DASH = Pattern.compile("\\s*-\\s*");
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
        s = DASHES.matcher(s).replaceAll("-");
        s = SPACES_AROUND_DASH.matcher(s).replaceAll("-");
        s = SPACES.matcher(s).replaceAll(" ");
        return s.trim().toUpperCase(Locale.ROOT);
    }

    public String normalise(String memo) {
        String s = normaliseText(memo);
        for (String label : labels) {
            s = s.replace(label + ":", " ").replace(label, " ");
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
