package io.etlhub.archive;

/**
 * What an import did, each data row counted once: {@code imported} new customers, {@code merged}
 * existing customers with a value changed, {@code unchanged} existing customers the file had nothing
 * new for, {@code duplicates} rows merged into an earlier row of the same company in the file,
 * {@code rejected} rows; plus the cells normalised. read = imported + merged + unchanged + duplicates + rejected.
 */
public record ImportCounts(long read, long imported, long merged, long unchanged, long duplicates, long rejected, long changedCells) {
    public static final ImportCounts NONE = new ImportCounts(0, 0, 0, 0, 0, 0, 0);

    /** Counts of an import that stopped after reading: nothing written to the CRM. */
    static ImportCounts readOnly(long read, long rejected, long changedCells) {
        return new ImportCounts(read, 0, 0, 0, 0, rejected, changedCells);
    }
}
