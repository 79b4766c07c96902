package io.etlhub.archive;

/**
 * A company name as the CRM keeps it: half-width, trimmed, Chinese brackets kept as the full-width
 * （） the registry uses. {@link #key(String)} is the comparison key for de-duplication.
 */
public final class CompanyNameRule implements FieldRule {
    @Override
    public Cleaned apply(String text) {
        String s = Widths.half(text).replace('(', '（').replace(')', '）');
        return s.isEmpty() ? Cleaned.BLANK : Cleaned.of(s);
    }

    /** Same company, same key: no spaces, one kind of bracket, upper case. */
    public static String key(String name) {
        if (name == null) return null;
        String s = Widths.half(name).replace('（', '(').replace('）', ')').replace(" ", "").toUpperCase();
        return s.isEmpty() ? null : s;
    }
}
