package io.etlhub.archive;

import java.util.Map;

/** A VALID staged row as read back for merging: its place in the file, the company it belongs to (the seq of that company's first row), its values. */
record StagedRow(long seq, long companySeq, String sheet, int row, Map<String, String> values) {}
