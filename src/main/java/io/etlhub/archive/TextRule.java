package io.etlhub.archive;

/** Plain text: half-width, trimmed, inner whitespace collapsed. */
public final class TextRule implements FieldRule {
    @Override
    public Cleaned apply(String text) {
        String s = Widths.half(text);
        return s.isEmpty() ? Cleaned.BLANK : Cleaned.of(s);
    }
}
