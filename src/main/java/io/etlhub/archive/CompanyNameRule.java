package io.etlhub.archive;

import java.util.Locale;

/**
 * A company name as the CRM keeps it: half-width, trimmed, Chinese brackets kept as the full-width
 * （） the registry uses. {@link #key(String)} is the comparison key for de-duplication.
 */
public final class CompanyNameRule implements FieldRule {
    /** Characters that do not tell two spellings of one name apart: brackets of every width, spaces. */
    private static final String IGNORED = "()（）[]【】 ";

    @Override
    public Cleaned apply(String text) {
        String s = Widths.half(text).replace('(', '（').replace(')', '）');
        return s.isEmpty() ? Cleaned.BLANK : Cleaned.of(s);
    }

    /**
     * Same company, same key: half-width, no spaces or brackets, 有限责任公司 written as 有限公司, upper
     * case. 宁波丙丁贸易（集团）有限责任公司 and 宁波丙丁贸易 (集团) 有限公司 share one key.
     */
    public static String key(String name) {
        if (name == null) return null;
        String half = Widths.half(name).toUpperCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(half.length());
        for (int i = 0; i < half.length(); i++) {
            char c = half.charAt(i);
            if (IGNORED.indexOf(c) < 0) b.append(c);
        }
        String s = b.toString().replace("有限责任公司", "有限公司");
        return s.isEmpty() ? null : s;
    }
}
