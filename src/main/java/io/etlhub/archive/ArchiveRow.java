package io.etlhub.archive;

import java.util.Map;

/** A data row after normalisation: field -> value (blank fields absent), or the reason it was rejected. */
public record ArchiveRow(String sheet, int row, Map<String, String> values, String rejectReason) {
    public boolean rejected() { return rejectReason != null; }
}
