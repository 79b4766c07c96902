package io.etlhub.archive;

/** The outcome of one import: SUCCEEDED, or ALREADY_IMPORTED (same content imported before: nothing changed). */
public record ImportResult(long importId, String file, String sha256, String status, ImportCounts counts, String reportPath) {}
