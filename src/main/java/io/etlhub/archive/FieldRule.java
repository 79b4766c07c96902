package io.etlhub.archive;

/** One normalisation rule for a cell's text, as read from the file (never null, already trimmed). */
public interface FieldRule {
    Cleaned apply(String text);

    /** Whether the cleaned value says the same as the cell did (no line in the report): by default, the same text. */
    default boolean unchanged(String text, String cleaned) {
        return cleaned.equals(text);
    }
}
