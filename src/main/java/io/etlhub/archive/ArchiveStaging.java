package io.etlhub.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlhub.connector.BulkInsert;
import io.etlhub.connector.Dialect;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The hub's side of an import: the import history (by content hash) and the report lines in the hub store, the staged
 * rows in a local file of the hub's work folder ({@link StagingFile}). When reading could tell every row's company (every
 * VALID row has a credit code), the rows are merged straight from that file; otherwise they are loaded into the hub
 * store in bulk ({@link BulkInsert}) and given their companies by set-based SQL.
 */
public final class ArchiveStaging {
    static final int BATCH = 1000;
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    private final JdbcTemplate hub;
    private final Path workFolder;
    private final ObjectMapper json = new ObjectMapper();

    /** {@code workFolder}: where the staged rows of running imports are kept (see {@link StagingFile}). */
    public ArchiveStaging(JdbcTemplate hub, Path workFolder) {
        this.hub = hub;
        this.workFolder = workFolder;
    }

    /**
     * Deletes the staging files of imports that died with their process (their CRM transaction died with it, so the CRM
     * kept nothing), and ends those imports as FAILED with {@code error}, as a failed import ends: no staged rows, no lines
     * of CRM merges. Returns the imports ended.
     */
    public List<Long> cleanOrphans(String error, LocalDateTime now) {
        List<Long> imports = StagingFile.cleanOrphans(workFolder);
        for (long id : imports) {
            hub.update("UPDATE archive_import SET status = 'FAILED', error = ?, ended_at = ? WHERE id = ? AND status = 'RUNNING'",
                    cut(error, 2000), Timestamp.valueOf(now), id);
            hub.update("DELETE FROM archive_staging WHERE import_id = ?", id);
            dropCrmLines(id);
        }
        return imports;
    }

    private Dialect dialect;

    private Dialect hubDialect() {
        if (dialect == null) {
            dialect = Dialect.fromUrl(hub.execute((org.springframework.jdbc.core.ConnectionCallback<String>) c -> c.getMetaData().getURL()));
        }
        return dialect;
    }

    public record PastImport(long id, String fileName, LocalDateTime endedAt, String reportPath) {}

    /** The successful import of the same content and kind, if there was one. */
    public Optional<PastImport> succeeded(String sha256, String kind) {
        return hub.query("SELECT id, file_name, ended_at, report_path FROM archive_import WHERE sha256 = ? AND kind = ? "
                        + "AND status = 'SUCCEEDED' ORDER BY id LIMIT 1",
                (rs, i) -> new PastImport(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toLocalDateTime(), rs.getString(4)),
                sha256, kind).stream().findFirst();
    }

    public long open(String fileName, String sha256, String kind, Long runId, String actor, LocalDateTime now) {
        hub.update("INSERT INTO archive_import (file_name, sha256, kind, status, run_id, actor, started_at) VALUES (?, ?, ?, 'RUNNING', ?, ?, ?)",
                fileName, sha256, kind, runId, actor, Timestamp.valueOf(now));
        return hub.queryForObject("SELECT MAX(id) FROM archive_import WHERE sha256 = ? AND status = 'RUNNING'", Long.class, sha256);
    }

    public void finish(long importId, String status, ImportCounts counts, String unmappedColumns, String reportPath, String error,
                       LocalDateTime now) {
        hub.update("UPDATE archive_import SET status = ?, rows_read = ?, imported = ?, merged = ?, unchanged = ?, duplicates = ?, "
                        + "rejected = ?, changed_cells = ?, unmapped_columns = ?, report_path = ?, error = ?, ended_at = ? WHERE id = ?",
                status, counts.read(), counts.imported(), counts.merged(), counts.unchanged(), counts.duplicates(), counts.rejected(),
                counts.changedCells(), cut(unmappedColumns, 2000), reportPath, cut(error, 2000), Timestamp.valueOf(now), importId);
        // Staged rows have served their purpose once merged (a successful import has dropped them already,
        // see Writer#dropStagedRows); the report lines stay with the import.
        hub.update("DELETE FROM archive_staging WHERE import_id = ?", importId);
    }

    /**
     * Batches staged rows and report lines for one import. {@link Writer#flush()} waits for the writes; close it when
     * the import ends (it deletes the staged rows' file).
     */
    public Writer writer(long importId) { return writer(importId, new CompanyIndex(), line -> { }); }

    /** {@code stored}: gets each report line once it is stored, on the writer's thread, in order (the streamed report). */
    Writer writer(long importId, CompanyIndex companies, Consumer<CellIssue> stored) { return new Writer(importId, companies, stored); }

    /**
     * Writes batches on one background thread while the file is still being parsed, so reading and
     * writing overlap; at most two batches wait, which bounds the memory. Batches are written in the
     * order they were made; the first failure is rethrown to the reading thread. The staged rows go to the import's
     * {@link StagingFile}, the report lines to the hub store.
     */
    public final class Writer implements AutoCloseable {
        private final long importId;
        private List<Object[]> rows = new ArrayList<>(BATCH);
        private List<Object[]> issues = new ArrayList<>(BATCH);
        private List<CellIssue> issueLines = new ArrayList<>(BATCH);
        private final OrderedWorker background = new OrderedWorker("archive-staging", 2);
        private final CompanyIndex companies;
        /** Where each report line goes once stored, on the writer's thread, in the order the lines came. */
        private final Consumer<CellIssue> stored;
        private final StagingFile file;
        private long seq;
        private long valid;
        /** Whether the staged rows were loaded into the hub store to be grouped there (then they are read back from it). */
        private boolean inHub;

        // Literal multi-row INSERTs on MariaDB/MySQL: binding every value through the driver cost more CPU than the parse.
        private final BulkInsert issueRows = BulkInsert.into(hub, "archive_issue", List.of("import_id", "sheet_name", "row_no",
                "column_name", "original_value", "new_value", "kind", "reason", "detail"));

        private Writer(long importId, CompanyIndex companies, Consumer<CellIssue> stored) {
            this.importId = importId;
            this.companies = companies;
            this.stored = stored;
            this.file = StagingFile.create(workFolder, importId);
        }

        /** The companies as far as reading could tell (made on the writer's thread: read them after {@link #flush()}). */
        CompanyIndex companies() { return companies; }

        /** The VALID rows staged so far. */
        long validRows() { return valid; }

        /** A normalised row with its credit code and normalised name (the company keys, see {@link #assignCompanies}). */
        public void row(ArchiveRow row, String creditCode, String nameKey) {
            boolean isValid = !row.rejected();
            String code = isValid ? creditCode : null;
            long at = ++seq;
            if (isValid) valid++;
            // The company and the record are made on the writer's thread: the reading thread is the import's bottleneck.
            rows.add(new Object[] {at, null, cut(row.sheet(), 100), row.row(), isValid, code, isValid ? cut(nameKey, 300) : null,
                    row.values()});
            if (rows.size() >= BATCH) flushRows();
        }

        public void issue(CellIssue i) {
            issues.add(new Object[] {importId, cut(i.sheet(), 100), i.row(), cut(i.column(), 200), cut(i.original(), 1000),
                    cut(i.value(), 1000), i.kind().name(), i.reason(), cut(i.detail(), 300)});
            issueLines.add(i);
            if (issues.size() >= BATCH) flushIssues();
        }

        /** Writes what is left and waits until every batch is in the hub store. */
        public void flush() {
            flushRows();
            submit(file::finishWriting);
            flushIssues();
            background.await();
        }

        /**
         * Lets batches already handed over finish (so a failed import's clean-up sees them), then stops the thread and
         * deletes the staged rows' file.
         */
        @Override
        public void close() {
            try {
                background.close();
            } finally {
                file.close();
            }
        }

        private void flushRows() {
            if (rows.isEmpty()) return;
            List<Object[]> batch = rows;
            rows = new ArrayList<>(BATCH);
            submit(() -> {
                for (Object[] r : batch) {
                    @SuppressWarnings("unchecked") Map<String, String> values = (Map<String, String>) r[7];
                    long at = (long) r[0];
                    long companySeq = (boolean) r[4] ? companies.companySeq((String) r[5], at) : at;
                    file.append(at, companySeq, (String) r[2], (int) r[3], (boolean) r[4], (String) r[5], (String) r[6], values);
                }
            });
        }

        private void flushIssues() {
            if (issues.isEmpty()) return;
            List<Object[]> batch = issues;
            List<CellIssue> lines = issueLines;
            issues = new ArrayList<>(BATCH);
            issueLines = new ArrayList<>(BATCH);
            submit(() -> {
                issueRows.insert(batch);
                lines.forEach(stored);
            });
        }

        /**
         * Deletes the import's staged rows on the writer's thread (once merged they have served their purpose), so that
         * it overlaps what the caller does next (the report); {@link #flush()} waits for it.
         */
        public void dropStagedRows() {
            submit(() -> {
                file.close();
                if (inHub) hub.update("DELETE FROM archive_staging WHERE import_id = ?", importId);
            });
        }

        /**
         * Loads the staged rows into the hub store for the set-based grouping; {@code trustIndex}: with the companies
         * reading found (else each row starts as its own company).
         */
        void loadIntoHub(boolean trustIndex) {
            // Literal multi-row INSERTs on MariaDB/MySQL: binding every value through the driver cost more CPU than the parse.
            BulkInsert stagedRows = BulkInsert.into(hub, "archive_staging", List.of("import_id", "seq", "sheet_name", "row_no",
                    "status", "credit_code", "name_key", "company_key", "company_seq", "payload"));
            List<Object[]> batch = new ArrayList<>(BATCH);
            file.forEach(r -> {
                batch.add(new Object[] {importId, r.seq(), r.sheet(), r.row(), r.valid() ? "VALID" : "REJECTED", r.creditCode(),
                        r.nameKey(), r.creditCode() == null ? null : "C:" + r.creditCode(), trustIndex ? r.companySeq() : r.seq(),
                        payload(r.values())});
                if (batch.size() >= BATCH) {
                    stagedRows.insert(batch);
                    batch.clear();
                }
            });
            if (!batch.isEmpty()) stagedRows.insert(batch);
            inHub = true;
        }

        private void submit(Runnable write) {
            background.submit(write);
        }
    }

    /**
     * Gives every VALID row of the writer's import its company, from what reading found (rows with a credit code, grouped
     * by it while they were staged) when that holds for the whole file: the rows stay in the staging file. Otherwise
     * the rows are loaded into the hub store and grouped set-based ({@link #assignCompanies(long, CustomerKeys)}).
     * The rows said to join an earlier row are first confirmed against their staged credit codes: the index compares
     * hashes, and a collision must not join two companies.
     */
    void assignCompanies(long importId, CustomerKeys keys, Writer writer) {
        boolean confirmed = sameCompanies(writer.file, writer.companies().joined());
        if (confirmed && !writer.companies().needsSql()) return;
        writer.loadIntoHub(confirmed);
        assignCompanies(importId, keys);
    }

    /** Whether each pair (seq, seq of the row it joined) has the same staged credit code; read by position. */
    private static boolean sameCompanies(StagingFile file, int[] pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            String code = file.read(pairs[i]).creditCode();
            if (code == null || !code.equals(file.read(pairs[i + 1]).creditCode())) return false;
        }
        return true;
    }

    /**
     * Gives every VALID row its company, set-based: a row with a credit code belongs to C:<code>; a
     * row without one to the only credit code among the rows of the same normalised name, or (several
     * codes under one name) to the code whose rows share a phone with it, else the first such code;
     * with no code under its name, to N:<name>; with neither, to itself. Each row's company_seq becomes the seq of its
     * company's first row, the order in which {@link #forEachCompanyRow} reads them back.
     */
    public void assignCompanies(long importId, CustomerKeys keys) {
        // A name under which exactly one credit code occurs: that company.
        updateJoined("SELECT name_key, MIN(credit_code) AS code FROM archive_staging WHERE import_id = ? AND status = 'VALID' "
                        + "AND credit_code IS NOT NULL GROUP BY name_key HAVING COUNT(DISTINCT credit_code) = 1",
                "s.name_key = k.name_key AND s.import_id = ? AND s.status = 'VALID' AND s.company_key IS NULL",
                "company_key = CONCAT('C:', k.code)", importId, importId);
        assignAmbiguousNames(importId, keys);
        hub.update("UPDATE archive_staging SET company_key = CONCAT('N:', name_key) WHERE import_id = ? AND status = 'VALID' "
                + "AND company_key IS NULL AND name_key IS NOT NULL", importId);
        // No credit code and no name (a mapping without a required name): a company of its own.
        hub.update("UPDATE archive_staging SET company_key = CONCAT('R:', CAST(seq AS CHAR(20))) WHERE import_id = ? "
                + "AND status = 'VALID' AND company_key IS NULL", importId);
        updateJoined("SELECT company_key, MIN(seq) AS keep FROM archive_staging WHERE import_id = ? AND status = 'VALID' "
                        + "GROUP BY company_key HAVING COUNT(*) > 1",
                "s.company_key = k.company_key AND s.import_id = ? AND s.status = 'VALID' AND s.seq > k.keep",
                "company_seq = k.keep", importId, importId);
    }

    /** Rows without a credit code under a name that several credit codes share: rare, so decided row by row. */
    private void assignAmbiguousNames(long importId, CustomerKeys keys) {
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> group = new ArrayList<>(); // {seq, credit code, values}
        String[] name = {null};
        Runnable decide = () -> {
            for (Object[] r : group) {
                if (r[1] != null) continue;
                String chosen = null;
                for (Object[] coded : group) {
                    if (coded[1] == null) continue;
                    if (chosen == null) chosen = (String) coded[1];
                    @SuppressWarnings("unchecked") Map<String, String> a = (Map<String, String>) r[2];
                    @SuppressWarnings("unchecked") Map<String, String> b = (Map<String, String>) coded[2];
                    if (keys.sharePhone(a, b)) {
                        chosen = (String) coded[1];
                        break;
                    }
                }
                updates.add(new Object[] {"C:" + chosen, importId, r[0]});
            }
            group.clear();
        };
        hub.query("SELECT seq, name_key, credit_code, payload FROM archive_staging WHERE import_id = ? AND status = 'VALID' AND name_key IN "
                + "(SELECT name_key FROM archive_staging WHERE import_id = ? AND status = 'VALID' AND credit_code IS NOT NULL "
                + "GROUP BY name_key HAVING COUNT(DISTINCT credit_code) > 1) ORDER BY name_key, seq", rs -> {
            if (!rs.getString(2).equals(name[0])) decide.run();
            name[0] = rs.getString(2);
            group.add(new Object[] {rs.getLong(1), rs.getString(3), values(rs.getString(4))});
        }, importId, importId);
        decide.run();
        if (!updates.isEmpty()) hub.batchUpdate("UPDATE archive_staging SET company_key = ? WHERE import_id = ? AND seq = ?", updates);
    }

    /**
     * UPDATE archive_staging s from a derived table k: UPDATE ... JOIN on MySQL/MariaDB (far quicker
     * than correlated subqueries on large files), MERGE INTO ... USING elsewhere (H2, the demo's hub
     * store). Parameters: the derived table's first, then the join condition's.
     */
    private void updateJoined(String derived, String on, String set, Object... args) {
        if (hubDialect() == Dialect.MYSQL) {
            hub.update("UPDATE archive_staging s JOIN (" + derived + ") k ON " + on + " SET " + set, args);
        } else {
            hub.update("MERGE INTO archive_staging s USING (" + derived + ") k ON (" + on + ") WHEN MATCHED THEN UPDATE SET " + set, args);
        }
    }

    /** Removes the lines about CRM merges (after the CRM transaction was rolled back). */
    public void dropCrmLines(long importId) {
        hub.update("DELETE FROM archive_issue WHERE import_id = ? AND kind IN ('CRM_MERGED', 'CRM_UNCHANGED')", importId);
    }

    /**
     * The VALID rows of the writer's import company by company (in the order of each company's first row), each
     * company's rows in file order, from the staging file, or from the hub store when they were grouped there; in
     * pages, so a large file never sits in memory. The next page is read on another thread while the caller handles
     * this one.
     */
    void forEachCompanyRow(Writer writer, int pageSize, Consumer<List<StagedRow>> page) {
        if (writer.inHub) {
            forEachCompanyRow(writer.importId, pageSize, page);
        } else {
            readAhead(writer.file.companyPages(writer.companies().joined(), pageSize), page);
        }
    }

    /**
     * The VALID rows in the hub store company by company, as {@link #forEachCompanyRow(Writer, int, Consumer)}; paged by
     * (company_seq, seq).
     */
    public void forEachCompanyRow(long importId, int pageSize, Consumer<List<StagedRow>> page) {
        long[] last = {0, 0}; // company_seq, seq of the last row read
        readAhead(() -> {
            List<StagedRow> rows = companyPage(importId, pageSize, last[0], last[1]);
            if (!rows.isEmpty()) {
                last[0] = rows.get(rows.size() - 1).companySeq();
                last[1] = rows.get(rows.size() - 1).seq();
            }
            return rows;
        }, page);
    }

    /** Pages from {@code next} (called on a reader thread, one page ahead) until an empty one. */
    private static void readAhead(java.util.function.Supplier<List<StagedRow>> next, Consumer<List<StagedRow>> page) {
        java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "archive-readback");
            t.setDaemon(true);
            return t;
        });
        try {
            java.util.concurrent.Future<List<StagedRow>> ahead = reader.submit(next::get);
            while (true) {
                List<StagedRow> rows = await(ahead);
                if (rows.isEmpty()) return;
                ahead = reader.submit(next::get);
                page.accept(rows);
            }
        } finally {
            reader.shutdownNow();
        }
    }

    private List<StagedRow> companyPage(long importId, int pageSize, long afterCompany, long afterSeq) {
        return hub.query("SELECT seq, company_seq, sheet_name, row_no, payload FROM archive_staging "
                        + "WHERE import_id = ? AND status = 'VALID' AND company_seq >= ? AND (company_seq > ? OR seq > ?) "
                        + "ORDER BY company_seq, seq LIMIT " + pageSize,
                (rs, i) -> new StagedRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), values(rs.getString(5))),
                importId, afterCompany, afterCompany, afterSeq);
    }

    private static <T> T await(java.util.concurrent.Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the staged rows", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    private String payload(Object values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> values(String payload) {
        try {
            return json.readValue(payload, MAP);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report lines in the order they were found, duplicates last; paged by id so a large report never sits in memory. */
    public void forEachIssue(long importId, Consumer<CellIssue> consumer) {
        long[] after = {0};
        int[] seen = {0};
        do {
            seen[0] = 0;
            hub.query("SELECT id, sheet_name, row_no, column_name, original_value, new_value, kind, reason, detail FROM archive_issue "
                    + "WHERE import_id = ? AND id > ? ORDER BY id LIMIT 5000", rs -> {
                after[0] = rs.getLong(1);
                seen[0]++;
                consumer.accept(new CellIssue(rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        CellIssue.Kind.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9)));
            }, importId, after[0]);
        } while (seen[0] == 5000);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
