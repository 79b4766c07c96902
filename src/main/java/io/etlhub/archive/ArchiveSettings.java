package io.etlhub.archive;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The etlhub.archive section of application.yml. */
@ConfigurationProperties("etlhub.archive")
public record ArchiveSettings(Long maxRows, Double minInflateRatio, Long maxEntrySize, Long maxPartSize, String uploadDir,
                              String reportLanguage, DropFolder dropFolder, Integer uploadRetentionDays, String workDir) {
    public record DropFolder(boolean enabled, String path, Long minAgeMs) {}

    public long maxRowsOr() { return maxRows == null ? 2_000_000 : maxRows; }

    public double minInflateRatioOr() { return minInflateRatio == null ? 0.01 : minInflateRatio; }

    public long maxEntrySizeOr() { return maxEntrySize == null ? 0xFFFFFFFFL : maxEntrySize; }

    /** Unpacked bytes of an .xlsx part other than a worksheet (shared strings, styles...), which POI reads whole. */
    public long maxPartSizeOr() { return maxPartSize == null ? ArchiveReader.DEFAULT_MAX_PART_SIZE : maxPartSize; }

    /** Days an upload (with its report) is kept; 0 or less keeps them forever. */
    public int uploadRetentionDaysOr() { return uploadRetentionDays == null ? 30 : uploadRetentionDays; }

    public String uploadDirOr() { return uploadDir == null ? "data/archive/uploads" : uploadDir; }

    /** Where running imports keep their staged rows (a file each, deleted when the import ends). */
    public String workDirOr() { return workDir == null ? "data/archive/work" : workDir; }
}
