package io.etlhub.archive;

/** What an import did: rows read, new customers, merged into existing ones, duplicates within the file, rejected rows, changed cells. */
public record ImportCounts(long read, long imported, long merged, long duplicates, long rejected, long changedCells) {
    public static final ImportCounts NONE = new ImportCounts(0, 0, 0, 0, 0, 0);
}
