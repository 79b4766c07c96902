package io.etlhub.archive;

import io.etlhub.crm.CrmTable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Imports one archive file: read and normalise every sheet into a staging file of the hub's work folder, give every
 * row its company, merge each company's rows and then the companies into the CRM in one CRM
 * transaction, and write the report.
 * A failure at any point leaves the CRM as it was; the same content imported again changes nothing.
 */
public final class ArchiveImporter {
    private final ArchiveStaging staging;
    private final CrmTable customers;
    private final ArchiveReader reader;
    private final ArchiveMessages messages;
    private final long maxRows;
    private final Clock clock;

    /** {@code workFolder}: where the staged rows of a running import are kept (a local file, see {@link StagingFile}). */
    public ArchiveImporter(JdbcTemplate hub, Path workFolder, CrmTable customers, ArchiveReader reader, ArchiveMessages messages,
                           long maxRows, Clock clock) {
        this.staging = new ArchiveStaging(hub, workFolder);
        this.customers = customers;
        this.reader = reader;
        this.messages = messages;
        this.maxRows = maxRows;
        this.clock = clock;
    }

    /**
     * @param displayName the name the owner knows the file by (an upload's original name)
     * @param report      where to write the report .xlsx
     */
    public ImportResult importFile(Path file, String displayName, ArchiveMapping mapping, Path report, Long runId, String actor,
                                   ImportProgress progress) {
        if (!Files.isRegularFile(file)) throw messages.failure("archive.error.file-missing", null, file);
        String sha = sha256(file);
        var past = staging.succeeded(sha, mapping.kind());
        if (past.isPresent()) {
            ImportResult result = new ImportResult(past.get().id(), displayName, sha, "ALREADY_IMPORTED", ImportCounts.NONE,
                    past.get().reportPath(), List.of());
            progress.done(result);
            return result;
        }
        long importId = staging.open(displayName, sha, mapping.kind(), runId, actor, LocalDateTime.now(clock));
        long[] n = new long[3]; // read, rejected, changed cells
        List<String> unmapped = new ArrayList<>();
        try (ArchiveReport.Lines lines = new ArchiveReport(messages).open();
             // Each report line is stored with the import and then, on the writer's thread, written into the report, so a
             // successful import's report needs no second pass (a failed import's is written from the stored lines, less the CRM's).
             ArchiveStaging.Writer writer = staging.writer(importId, new CompanyIndex(), lines::add);
             // One CRM transaction on a thread of its own, from the start: new companies are written while the file is
             // read (EarlyInserts), and in the merge the next page is prepared here while the CRM writes this one.
             CrmSession.Threaded crm = CrmSession.threaded(customers)) {
            CustomerKeys keys = new CustomerKeys(mapping.dedup());
            CrmColumnLimits limits = crmLimits(mapping);
            CrmCustomerMerge merge = new CrmCustomerMerge(customers, mapping, displayName, LocalDateTime.now(clock));
            EarlyInserts early = startMerge(merge, crm);
            progress.phase(ImportProgress.Phase.READING, 0);
            SheetInterpreter sheets = new SheetInterpreter(mapping, maxRows, messages, limits, row -> {
                n[0]++;
                if (row.rejected()) n[1]++;
                String creditCode = keys.creditCode(row.values());
                writer.row(row, creditCode, keys.nameKey(row.values()));
                if (early != null) early.row(row, creditCode);
                progress.processed(1);
            }, issue -> {
                if (issue.kind() == CellIssue.Kind.CHANGED) n[2]++;
                writer.issue(issue);
            });
            try (RulesThread rules = new RulesThread(new ProgressSink(sheets, progress))) {
                reader.read(file, rules);
                rules.finish();
            }
            if (early != null) early.finish();
            writer.flush();
            unmapped.addAll(sheets.unmappedColumns());
            if (!sheets.anyCell()) throw messages.failure("archive.error.no-rows", null, displayName);
            if (sheets.sheetsWithHeader() == 0) {
                throw messages.failure("archive.error.no-header", null, displayName, mapping.minHeaderMatchesOr(2));
            }

            progress.phase(ImportProgress.Phase.DEDUPLICATING, 0);
            staging.assignCompanies(importId, keys, writer);
            long valid = writer.validRows();

            progress.phase(ImportProgress.Phase.MERGING, valid);
            List<Company> companies = new ArrayList<>();
            CompanyFolder folder = new CompanyFolder(mapping, new FieldLabels(mapping), writer::issue, companies::add);
            try {
                staging.forEachCompanyRow(writer, ArchiveStaging.BATCH, page -> {
                    page.forEach(folder::accept);
                    if (companies.size() >= ArchiveStaging.BATCH) {
                        merge.apply(companies, writer::issue, crm);
                        companies.clear();
                    }
                    progress.processed(page.size());
                });
                folder.finish();
                if (!companies.isEmpty()) merge.apply(companies, writer::issue, crm);
                merge.checkEarlyRowsSettled();
                crm.commit();
            } catch (CrmWriteException e) {
                throw messages.failure("archive.error.crm-row", e, e.sheet, String.valueOf(e.row), e.getMessage());
            } catch (DataAccessException e) {
                throw messages.failure("archive.error.crm", e, String.valueOf(e.getMostSpecificCause().getMessage()));
            }
            writer.flush();
            writer.dropStagedRows();
            ImportCounts counts = new ImportCounts(n[0], merge.inserted(), merge.merged(), merge.unchanged(), folder.merged(), n[1], n[2]);

            progress.phase(ImportProgress.Phase.REPORTING, 0);
            finishReport(lines, report, displayName, sha, counts, unmapped);
            writer.flush();
            staging.finish(importId, "SUCCEEDED", counts, String.join("、", unmapped), report.toString(), null, LocalDateTime.now(clock));
            ImportResult result = new ImportResult(importId, displayName, sha, "SUCCEEDED", counts, report.toString(), List.copyOf(unmapped));
            progress.done(result);
            return result;
        } catch (RuntimeException e) {
            String message = e instanceof ArchiveFileException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            ImportCounts failedCounts = ImportCounts.readOnly(n[0], n[1], n[2]);
            String reportPath = null;
            try {
                // Rolled back: the lines of CRM merges would describe changes that were not made.
                staging.dropCrmLines(importId);
                writeReport(report, importId, displayName, sha, "FAILED", failedCounts, unmapped, message);
                reportPath = report.toString();
            } catch (RuntimeException reportFailure) {
                e.addSuppressed(reportFailure);
            }
            staging.finish(importId, "FAILED", failedCounts, String.join("、", unmapped), reportPath, message, LocalDateTime.now(clock));
            progress.failed(message, failedCounts);
            throw e;
        }
    }

    /** Reads the CRM's customers' keys for the merge, and the early inserts that may go with it (or null). */
    private static EarlyInserts startMerge(CrmCustomerMerge merge, CrmSession.Threaded crm) {
        EarlyInserts early = crm.call(tx -> {
            merge.loadExisting();
            return EarlyInserts.forMerge(merge, crm);
        });
        merge.useEarlyInserts(early);
        return early;
    }

    /** The CRM's column sizes for the mapped fields; a CRM that cannot be reached fails the import before any reading. */
    private CrmColumnLimits crmLimits(ArchiveMapping mapping) {
        try {
            return CrmColumnLimits.read(customers, mapping);
        } catch (DataAccessException e) {
            throw messages.failure("archive.error.crm", e, String.valueOf(e.getMostSpecificCause().getMessage()));
        }
    }

    private static void finishReport(ArchiveReport.Lines lines, Path report, String fileName, String sha, ImportCounts counts,
                                     List<String> unmapped) {
        try {
            lines.finish(report, fileName, sha, "SUCCEEDED", counts, unmapped, null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the report " + report, e);
        }
    }

    private void writeReport(Path report, long importId, String fileName, String sha, String status, ImportCounts counts,
                             List<String> unmapped, String error) {
        try {
            new ArchiveReport(messages).write(report, fileName, sha, status, counts, unmapped, error,
                    consumer -> staging.forEachIssue(importId, consumer));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the report " + report, e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int r; (r = in.read(buf)) > 0; ) digest.update(buf, 0, r);
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Passes rows on and keeps the progress total in step with what the sheets declare. */
    private record ProgressSink(SheetRowSink target, ImportProgress progress) implements SheetRowSink {
        @Override public void startSheet(String name) { target.startSheet(name); }
        @Override public void declaredRows(int rows) { target.declaredRows(rows); progress.addTotal(rows); }
        @Override public void row(int rowNumber, String[] cells, java.util.BitSet formulas, java.util.BitSet errors) {
            target.row(rowNumber, cells, formulas, errors);
        }
        @Override public void endSheet() { target.endSheet(); }
    }
}
