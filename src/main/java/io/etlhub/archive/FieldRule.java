package io.etlhub.archive;

/** One normalisation rule for a cell's text, as read from the file (never null, already trimmed). */
public interface FieldRule {
    Cleaned apply(String text);
}
