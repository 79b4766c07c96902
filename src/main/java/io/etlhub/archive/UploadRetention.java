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
 * when it is older); a rejected upload's file is deleted as soon as its import failed.
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

    /** Every hour; answers how many upload folders it deleted. */
    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    public int clean() {
        int days = settings.uploadRetentionDaysOr();
        Path root = Path.of(settings.uploadDirOr()).toAbsolutePath();
        if (days <= 0 || !Files.isDirectory(root)) return 0;
        Instant oldest = clock.instant().minus(Duration.ofDays(days));
        int deleted = 0;
        try (Stream<Path> uploads = Files.list(root)) {
            for (Path upload : uploads.toList()) {
                if (Files.getLastModifiedTime(upload).toInstant().isBefore(oldest)) {
                    FileSystemUtils.deleteRecursively(upload);
                    deleted++;
                }
            }
        } catch (IOException e) {
            log.warn("archive uploads in {} not cleaned: {}", root, e.toString());
        }
        if (deleted > 0) log.info("{} archive upload(s) older than {} days deleted from {}", deleted, days, root);
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
