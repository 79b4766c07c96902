package io.etlhub.archive;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Uploads are kept etlhub.archive.upload-retention-days (each upload's folder, with its report, goes
 * when it is older); a rejected upload's file is deleted as soon as its import failed. The drop folder's done/ and
 * failed/ are kept as long: an imported file and its report, a rejected file's report.
 */
@Configuration
@EnableScheduling
public class UploadRetention {
    private static final Logger log = LoggerFactory.getLogger(UploadRetention.class);

    private final ArchiveSettings settings;
    private final Clock clock;

    public UploadRetention(ArchiveSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Every hour; answers how many uploads and drop-folder files it deleted. */
    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    public int clean() {
        ArchiveSettings.DropFolder dropFolder = settings.dropFolder();
        return deleteOlder(Path.of(settings.uploadDirOr()))
                + (dropFolder != null && dropFolder.enabled() ? cleanDropFolder(dropFolder) : 0);
    }

    /** The drop folder's done/ (imported files with their reports) and failed/ (reports of rejected files). */
    int cleanDropFolder(ArchiveSettings.DropFolder dropFolder) {
        Path root = Path.of(dropFolder.path());
        return deleteOlder(root.resolve("done")) + deleteOlder(root.resolve("failed"));
    }

    /** Deletes the entries of the folder (an upload's folder, a file) last changed before the retention; 0 days keeps all. */
    private int deleteOlder(Path folder) {
        int days = settings.uploadRetentionDaysOr();
        Path root = folder.toAbsolutePath();
        if (days <= 0 || !Files.isDirectory(root)) return 0;
        Instant oldest = clock.instant().minus(Duration.ofDays(days));
        int deleted = 0;
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                if (Files.getLastModifiedTime(entry).toInstant().isBefore(oldest)) {
                    FileSystemUtils.deleteRecursively(entry);
                    deleted++;
                }
            }
        } catch (IOException e) {
            log.warn("archive files in {} not cleaned: {}", root, e.toString());
        }
        if (deleted > 0) log.info("{} archive file(s) or upload(s) older than {} days deleted from {}", deleted, days, root);
        return deleted;
    }

    void deleteRejected(Path upload) {
        try {
            Files.deleteIfExists(upload);
        } catch (IOException e) {
            log.warn("rejected upload {} not deleted: {}", upload, e.toString());
        }
    }
}
