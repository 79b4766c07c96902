package io.etlhub.archive;

import io.etlhub.pipeline.AuditLog;
import io.etlhub.connector.MappingCatalog;
import io.etlhub.crm.Crm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Builds an importer for an archive kind from the mappings and connectors, and keeps the progress of running imports. */
@Service
@EnableConfigurationProperties(ArchiveSettings.class)
public class ArchiveService {
    private static final Logger log = LoggerFactory.getLogger(ArchiveService.class);
    private final Crm crm;
    private final MappingCatalog mappings;
    private final JdbcTemplate hub;
    private final ArchiveSettings settings;
    private final Clock clock;
    private final AuditLog audit;
    private final Map<String, ImportProgress> progress = new ConcurrentHashMap<>();

    public ArchiveService(Crm crm, MappingCatalog mappings, JdbcTemplate hub, ArchiveSettings settings, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.crm = crm;
        this.mappings = mappings;
        this.hub = hub;
        this.settings = settings;
        this.clock = clock;
    }

    /** At start: imports cut short by the last stop are ended (see {@link #cleanOrphans()}); each import does it again first. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public void endInterruptedImports() {
        cleanOrphans();
    }

    /**
     * Ends the imports whose process died mid-import (their CRM transaction never committed): their staging files are
     * deleted and they are FAILED, "interrupted", in the history.
     */
    private void cleanOrphans() {
        try {
            List<Long> ended = new ArchiveStaging(hub, workFolder()).cleanOrphans(messages(null).get("archive.error.interrupted"),
                    java.time.LocalDateTime.now(clock));
            if (!ended.isEmpty()) log.info("archive imports {} did not finish (the hub stopped): marked FAILED, staging files deleted from {}", ended, workFolder());
        } catch (RuntimeException e) {
            log.warn("archive staging files in {} not cleaned: {}", workFolder(), e.toString());
        }
    }

    private Path workFolder() { return Path.of(settings.workDirOr()); }

    public ArchiveSettings settings() { return settings; }

    public ArchiveMessages messages(String language) {
        return ArchiveMessages.forLanguage(language == null ? settings.reportLanguage() : language);
    }

    /** The mapping of an archive kind: mappings/archive-<kind>.yml, or a mapping id as is. */
    public ArchiveMapping mapping(String kindOrMappingId, ArchiveMessages messages) {
        String id = kindOrMappingId.startsWith("archive-") ? kindOrMappingId : "archive-" + kindOrMappingId;
        try {
            return mappings.read(id, ArchiveMapping.class);
        } catch (IllegalArgumentException e) {
            throw messages.failure("archive.error.unknown-kind", e, id.substring("archive-".length()));
        }
    }

    public ImportResult importFile(Path file, String displayName, ArchiveMapping mapping, Path report, Long runId, String actor,
                                   ImportProgress tracker, ArchiveMessages messages) {
        cleanOrphans();
        ArchiveImporter importer = new ArchiveImporter(hub, workFolder(), crm.bulkTable(mapping.target()), new ArchiveReader(messages, settings.minInflateRatioOr(), settings.maxEntrySizeOr(),
                        settings.maxPartSizeOr()),
                messages, settings.maxRowsOr(), clock);
        // Audited here, whichever way the file came (upload, drop folder, route run, CLI).
        String target = "archive " + mapping.kind() + " " + displayName;
        try {
            ImportResult result = importer.importFile(file, displayName, mapping, report, runId, actor, tracker);
            ImportCounts c = result.counts();
            audit.record(actor, "ARCHIVE_IMPORT", target, null, result.status().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " (import " + result.importId() + ", run " + runId
                    + "): imported " + c.imported() + ", merged " + c.merged() + ", unchanged " + c.unchanged()
                    + ", duplicates " + c.duplicates() + ", rejected " + c.rejected());
            return result;
        } catch (RuntimeException e) {
            audit.record(actor, "ARCHIVE_IMPORT", target, null, "failed (run " + runId + "): " + e.getMessage());
            throw e;
        }
    }

    /** A new progress tracker, found again by its token. */
    public String track() {
        String token = UUID.randomUUID().toString();
        progress.put(token, new ImportProgress());
        return token;
    }

    public ImportProgress progress(String token) {
        return token == null ? null : progress.get(token);
    }
}
