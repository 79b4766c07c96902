package io.etlhub.archive;

import java.util.List;

/**
 * The outcome of one import: SUCCEEDED, or ALREADY_IMPORTED (same content imported before: nothing
 * changed); the headers of the file's columns that no field of the mapping reads.
 */
public record ImportResult(long importId, String file, String sha256, String status, ImportCounts counts, String reportPath,
                           List<String> unmappedColumns) {}
