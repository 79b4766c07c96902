package io.etlhub.archive;

import io.etlhub.connector.MappingCatalog;
import io.etlhub.connector.TableNeed;
import io.etlhub.crm.CrmSchema;
import io.etlhub.pipeline.RouteDefinition;
import io.etlhub.pipeline.RouteJob;
import io.etlhub.pipeline.RunContext;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.List;

/**
 * Route kind archive-import: imports the file named by parameter arg1 (or file). Parameters: kind
 * (archive kind, default the route's source mapping), name (the file's name for the owner),
 * report (report path), lang (zh/en), progress-token (the REST upload's progress tracker).
 */
@Component
public class ArchiveImportJob implements RouteJob {
    private final ArchiveService archive;
    private final MappingCatalog mappings;

    public ArchiveImportJob(ArchiveService archive, MappingCatalog mappings) {
        this.archive = archive;
        this.mappings = mappings;
    }

    @Override
    public String kind() { return "archive-import"; }

    @Override
    public java.util.List<String> counters() { return java.util.List.of("read", "imported", "merged", "unchanged", "duplicates", "rejected"); }

    @Override
    public void validate(RouteDefinition route) {
        if (route.source() == null || route.source().mapping() == null) {
            throw new IllegalArgumentException("etlhub:archive-import needs the option sourceMapping (e.g. archive-customers)");
        }
    }

    /** It inserts new customers and merges into existing ones. */
    @Override
    public List<TableNeed> tablesNeeded(RouteDefinition route) {
        if (route.target() == null || route.target().mapping() == null) return List.of();
        CrmSchema crm = mappings.read(route.target().mapping(), CrmSchema.class);
        return List.of(TableNeed.of(crm.connector(), crm.table("customer"), "SELECT", "INSERT", "UPDATE"));
    }

    @Override
    public void run(RouteDefinition route, RunContext context) {
        ArchiveMessages messages = archive.messages(context.parameter("lang"));
        String fileName = context.parameter("arg1") != null ? context.parameter("arg1") : context.parameter("file");
        if (fileName == null || fileName.isBlank()) throw messages.failure("archive.error.no-file", null);
        Path file = Path.of(fileName).toAbsolutePath();
        String kind = context.parameter("kind") != null ? context.parameter("kind") : route.source().mapping();
        ArchiveMapping mapping = archive.mapping(kind, messages);
        String displayName = context.parameter("name") != null ? context.parameter("name") : file.getFileName().toString();
        Path report = context.parameter("report") != null ? Path.of(context.parameter("report")) : reportBeside(file);
        ImportProgress progress = archive.progress(context.parameter("progress-token"));
        if (progress == null) progress = new ImportProgress();
        try {
            ImportResult result = archive.importFile(file, displayName, mapping, report, context.runId(), context.actor(), progress, messages);
            count(context, result.counts());
            output(context, result);
        } catch (RuntimeException e) {
            // Rows were read before the failure: the run's summary says so (nothing was applied).
            ImportCounts c = progress.failedCounts();
            context.count("read", c.read());
            context.count("rejected", c.rejected());
            if (progress.phase() != ImportProgress.Phase.FAILED) progress.failed(e.getMessage());
            throw e;
        }
    }

    /** The import's own words: imported (new), merged (changed), unchanged (nothing new), duplicates (merged into another row of the file), rejected. */
    private static void count(RunContext context, ImportCounts c) {
        context.count("read", c.read());
        context.count("imported", c.imported());
        context.count("merged", c.merged());
        context.count("unchanged", c.unchanged());
        context.count("duplicates", c.duplicates());
        context.count("rejected", c.rejected());
    }

    private static void output(RunContext context, ImportResult r) {
        context.output("status", r.status());
        context.output("file", r.file());
        context.output("sha256", r.sha256());
        context.output("imported", r.counts().imported());
        context.output("merged", r.counts().merged());
        context.output("unchanged", r.counts().unchanged());
        context.output("duplicates", r.counts().duplicates());
        context.output("rejected", r.counts().rejected());
        context.output("changedCells", r.counts().changedCells());
        if (!r.unmappedColumns().isEmpty()) context.output("unmappedColumns", String.join("、", r.unmappedColumns()));
        if (r.reportPath() != null) context.output("report", r.reportPath());
    }

    /** foo.xlsx -> foo-report.xlsx in the same folder. */
    static Path reportBeside(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + "-report.xlsx");
    }
}
