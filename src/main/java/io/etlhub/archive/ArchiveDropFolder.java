package io.etlhub.archive;

import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The drop folder: a file put into inbox/ is moved to processing/ and imported through the import-archive route.
 * An imported file goes to done/ with its report; a rejected file is deleted (like a rejected upload: the hub keeps no
 * file it refused) and its report, which names the file, sheet, row and column of every problem, goes to failed/.
 * On only when etlhub.archive.drop-folder.enabled=true.
 */
@Component
@ConditionalOnProperty(name = "etlhub.archive.drop-folder.enabled", havingValue = "true")
class ArchiveDropFolder extends RouteBuilder {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ArchiveDropFolder.class);
    private final RouteRunner runner;
    private final ArchiveSettings.DropFolder settings;
    private final String routeId;

    @org.springframework.beans.factory.annotation.Autowired
    ArchiveDropFolder(ArchiveService archive, RouteRunner runner) {
        this(runner, archive.settings().dropFolder(), "archive-drop-folder");
    }

    ArchiveDropFolder(RouteRunner runner, ArchiveSettings.DropFolder settings, String routeId) {
        this.runner = runner;
        this.settings = settings;
        this.routeId = routeId;
    }

    @Override
    public void configure() throws Exception {
        Path root = Path.of(settings.path()).toAbsolutePath();
        for (String sub : new String[] {"inbox", "processing", "done", "failed"}) Files.createDirectories(root.resolve(sub));
        long minAge = settings.minAgeMs() == null ? 2000 : settings.minAgeMs();
        // The file is deleted from processing/ once handled (an imported one was copied to done/ first); one the
        // route could not handle at all (no run) goes to failed/ as it is.
        String uri = "file:" + root.resolve("inbox") + "?preMove=../processing/${file:name}&delete=true"
                + "&moveFailed=../failed/${file:name}&readLock=changed&readLockMinAge=" + minAge
                + "&readLockCheckInterval=500&exclude=^[.~].*&delay=2000&maxMessagesPerPoll=1";
        from(uri).routeId(routeId)
                .process(exchange -> {
                    Path file = Path.of(exchange.getIn().getHeader("CamelFilePath", String.class));
                    Path report = ArchiveImportJob.reportBeside(file);
                    RunSummary summary = runner.run(ArchiveController.ROUTE, Trigger.MANUAL, "drop-folder",
                            Map.of("arg1", file.toString(), "report", report.toString()));
                    Path target = root.resolve(summary.succeeded() ? "done" : "failed");
                    if (Files.exists(report)) {
                        Files.move(report, target.resolve(report.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                    if (summary.succeeded()) {
                        Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        // the run (route_run, dead letter) keeps the failure; the report says what to correct
                        log.warn("archive {} from the drop folder rejected (run {}): {}; the file is deleted, its report is in {}",
                                file.getFileName(), summary.runId(), summary.error(), target);
                    }
                });
    }
}
