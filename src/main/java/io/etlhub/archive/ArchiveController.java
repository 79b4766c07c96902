package io.etlhub.archive;

import io.etlhub.pipeline.ErrorTexts;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Upload an archive file and follow its import: POST /api/archive/imports starts it in the
 * background and answers with a token; GET .../{token} polls the progress (rows processed of
 * total), GET .../{token}/events streams it as server-sent events, GET .../{token}/report fetches
 * the report. Imports run one at a time, through the import-archive route (its lock and run history).
 */
@RestController
@RequestMapping("/api/archive")
class ArchiveController implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ArchiveController.class);
    static final String ROUTE = "import-archive";

    private final ArchiveService archive;
    private final RouteRunner runner;
    private final JdbcTemplate hub;
    private final ExecutorService imports = Executors.newSingleThreadExecutor(r -> new Thread(r, "archive-import"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "archive-progress"));
    private final Map<String, Path> reports = new java.util.concurrent.ConcurrentHashMap<>();

    private final UploadRetention uploads;
    private final ErrorTexts errors;

    ArchiveController(ArchiveService archive, RouteRunner runner, JdbcTemplate hub, UploadRetention uploads, ErrorTexts errors) {
        this.errors = errors;
        this.uploads = uploads;
        this.archive = archive;
        this.runner = runner;
        this.hub = hub;
    }

    record Started(String token, String progress, String events, String report) {}

    record ProgressView(String phase, long processed, long total, int percent, String message, ImportResult result) {
        static ProgressView of(ImportProgress p) {
            return new ProgressView(p.phase().name(), p.processed(), p.total(), p.percent(), p.message(), p.result());
        }

        /** As the caller may see it: no SQL or server path for non-admins (the report is downloaded, not named by path). */
        ProgressView forCaller(java.util.function.UnaryOperator<String> texts) {
            ImportResult r = result == null || result.reportPath() == null ? result : new ImportResult(result.importId(), result.file(),
                    result.sha256(), result.status(), result.counts(), texts.apply(result.reportPath()), result.unmappedColumns());
            return new ProgressView(phase, processed, total, percent, texts.apply(message), r);
        }
    }

    @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Started> upload(@RequestParam("file") MultipartFile upload, @RequestParam(required = false) String kind,
                                   @RequestParam(required = false) String lang, Principal principal) throws IOException {
        String token = archive.track();
        String name = safeName(upload.getOriginalFilename());
        Path dir = Path.of(archive.settings().uploadDirOr()).toAbsolutePath().resolve(token);
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        upload.transferTo(file);
        Path report = ArchiveImportJob.reportBeside(file);
        reports.put(token, report);
        Map<String, String> parameters = new HashMap<>();
        parameters.put("arg1", file.toString());
        parameters.put("name", name);
        parameters.put("report", report.toString());
        parameters.put("progress-token", token);
        if (kind != null) parameters.put("kind", kind);
        if (lang != null) parameters.put("lang", lang);
        String actor = principal == null ? "anonymous" : principal.getName();
        imports.submit(() -> {
            try {
                RunSummary summary = runner.run(ROUTE, Trigger.MANUAL, actor, parameters);
                ImportProgress p = archive.progress(token);
                if (!summary.succeeded() && !p.finished()) p.failed(summary.error());
                // A rejected file is not kept (its report is, until the retention cleans it).
                if (!summary.succeeded()) uploads.deleteRejected(file);
            } catch (RuntimeException e) {
                log.warn("archive upload {} not imported", token, e);
                archive.progress(token).failed(e.getMessage());
                uploads.deleteRejected(file);
            }
        });
        String base = "/api/archive/imports/" + token;
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Started(token, base, base + "/events", base + "/report"));
    }

    @GetMapping("/imports/{token}")
    ResponseEntity<ProgressView> progress(@PathVariable String token) {
        ImportProgress p = archive.progress(token);
        return p == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(ProgressView.of(p).forCaller(errors.forCurrentCaller()));
    }

    /** The progress every half second until the import is done or failed. */
    @GetMapping(path = "/imports/{token}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String token) {
        ImportProgress p = archive.progress(token);
        SseEmitter emitter = new SseEmitter(TimeUnit.MINUTES.toMillis(60));
        if (p == null) {
            emitter.completeWithError(new IllegalArgumentException("unknown import " + token));
            return emitter;
        }
        java.util.function.UnaryOperator<String> forCaller = errors.forCurrentCaller();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(ticker.scheduleAtFixedRate(() -> {
            try {
                boolean finished = p.finished();
                emitter.send(SseEmitter.event().name("progress").data(ProgressView.of(p).forCaller(forCaller), MediaType.APPLICATION_JSON));
                if (finished) {
                    emitter.complete();
                    task.get().cancel(false);
                }
            } catch (IOException | IllegalStateException e) {
                task.get().cancel(false);
            }
        }, 0, 500, TimeUnit.MILLISECONDS));
        emitter.onCompletion(() -> { if (task.get() != null) task.get().cancel(false); });
        return emitter;
    }

    @GetMapping("/imports/{token}/report")
    ResponseEntity<FileSystemResource> report(@PathVariable String token) {
        ImportProgress p = archive.progress(token);
        Path report = p == null || p.result() == null || p.result().reportPath() == null ? reports.get(token) : Path.of(p.result().reportPath());
        if (report == null || !Files.exists(report)) return ResponseEntity.notFound().build();
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''"
                        + java.net.URLEncoder.encode(report.getFileName().toString(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(new FileSystemResource(report));
    }

    /** The import history, newest first. */
    @GetMapping("/imports")
    List<Map<String, Object>> history(@RequestParam(defaultValue = "50") int limit) {
        return hub.queryForList("SELECT id, file_name, kind, status, actor, rows_read, imported, merged, duplicates, rejected, "
                + "changed_cells, error, started_at, ended_at FROM archive_import ORDER BY id DESC LIMIT " + Math.max(1, Math.min(limit, 500)));
    }

    /** Only the file's own name: no folders from the client. */
    static String safeName(String original) {
        String name = original == null ? "upload.xlsx" : Path.of(original.replace('\\', '/')).getFileName().toString();
        name = name.replaceAll("[\\x00-\\x1f/:*?\"<>|]", "_");
        return name.isBlank() || name.startsWith(".") ? "upload" + name : name;
    }

    @Override
    public void destroy() {
        imports.shutdownNow();
        ticker.shutdownNow();
    }
}
