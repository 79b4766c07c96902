package io.etlhub.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlhub.connector.Dialect;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The hub's side of an import: the import history (by content hash), the staged rows and the report
 * lines, all in the hub store. Rows are written in JDBC batches; de-duplication runs as set-based SQL.
 */
public final class ArchiveStaging {
    static final int BATCH = 1000;
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    private final JdbcTemplate hub;
    private final ObjectMapper json = new ObjectMapper();

    public ArchiveStaging(JdbcTemplate hub) {
        this.hub = hub;
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

    public void finish(long importId, String status, ImportCounts counts, String reportPath, String error, LocalDateTime now) {
        hub.update("UPDATE archive_import SET status = ?, rows_read = ?, imported = ?, merged = ?, duplicates = ?, rejected = ?, "
                        + "changed_cells = ?, report_path = ?, error = ?, ended_at = ? WHERE id = ?",
                status, counts.read(), counts.imported(), counts.merged(), counts.duplicates(), counts.rejected(), counts.changedCells(),
                reportPath, error == null ? null : error.substring(0, Math.min(error.length(), 2000)), Timestamp.valueOf(now), importId);
        // Staged rows have served their purpose once merged; the report lines stay with the import.
        hub.update("DELETE FROM archive_staging WHERE import_id = ?", importId);
    }

    /** Batches staged rows and report lines for one import. Close it (or call {@link Writer#flush()}) to wait for the writes. */
    public Writer writer(long importId) { return new Writer(importId); }

    /**
     * Writes batches on one background thread while the file is still being parsed, so reading and
     * writing overlap; at most two batches wait, which bounds the memory. Batches are written in the
     * order they were made; the first failure is rethrown to the reading thread.
     */
    public final class Writer implements AutoCloseable {
        private final long importId;
        private List<Object[]> rows = new ArrayList<>(BATCH);
        private List<Object[]> issues = new ArrayList<>(BATCH);
        private final java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "archive-staging");
            t.setDaemon(true);
            return t;
        });
        private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(2);
        private final java.util.concurrent.atomic.AtomicReference<RuntimeException> failure = new java.util.concurrent.atomic.AtomicReference<>();
        private long seq;

        private Writer(long importId) { this.importId = importId; }

        public void row(ArchiveRow row, String creditCode, String namePhoneKey) {
            try {
                rows.add(new Object[] {importId, ++seq, cut(row.sheet(), 100), row.row(), row.rejected() ? "REJECTED" : "VALID",
                        row.rejected() ? null : creditCode, row.rejected() ? null : cut(namePhoneKey, 300), json.writeValueAsString(row.values())});
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            if (rows.size() >= BATCH) flushRows();
        }

        public void issue(CellIssue i) {
            issues.add(new Object[] {importId, cut(i.sheet(), 100), i.row(), cut(i.column(), 200), cut(i.original(), 1000),
                    cut(i.value(), 1000), i.kind().name(), i.reason(), cut(i.detail(), 300)});
            if (issues.size() >= BATCH) flushIssues();
        }

        /** Writes what is left and waits until every batch is in the hub store. */
        public void flush() {
            flushRows();
            flushIssues();
            inFlight.acquireUninterruptibly(2);
            inFlight.release(2);
            rethrow();
        }

        /** Lets batches already handed over finish (so a failed import's clean-up sees them), then stops the thread. */
        @Override
        public void close() {
            background.shutdown();
            try {
                background.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void flushRows() {
            if (rows.isEmpty()) return;
            List<Object[]> batch = rows;
            rows = new ArrayList<>(BATCH);
            submit("INSERT INTO archive_staging (import_id, seq, sheet_name, row_no, status, credit_code, name_phone_key, payload) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch);
        }

        private void flushIssues() {
            if (issues.isEmpty()) return;
            List<Object[]> batch = issues;
            issues = new ArrayList<>(BATCH);
            submit("INSERT INTO archive_issue (import_id, sheet_name, row_no, column_name, original_value, new_value, kind, reason, detail) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch);
        }

        private void submit(String sql, List<Object[]> batch) {
            rethrow();
            inFlight.acquireUninterruptibly();
            background.execute(() -> {
                try {
                    if (failure.get() == null) hub.batchUpdate(sql, batch);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    inFlight.release();
                }
            });
        }

        private void rethrow() {
            RuntimeException e = failure.get();
            if (e != null) throw e;
        }
    }

    /**
     * Marks duplicates within the file, set-based: first rows sharing a credit code (all but the
     * first become DUP_CODE), then rows without a credit code sharing name and phone with an earlier
     * row (DUP_NAME_PHONE). Each duplicate gets a report line naming the row it repeats.
     */
    public long markDuplicates(long importId) {
        if (hubDialect() == Dialect.MYSQL) {
            // MySQL/MariaDB: a join against each key's first row, far quicker than NOT IN on large files.
            hub.update("UPDATE archive_staging s JOIN (SELECT credit_code, MIN(seq) AS keep FROM archive_staging WHERE import_id = ? "
                    + "AND status = 'VALID' AND credit_code IS NOT NULL GROUP BY credit_code HAVING COUNT(*) > 1) k "
                    + "ON s.credit_code = k.credit_code SET s.status = 'DUP_CODE' WHERE s.import_id = ? AND s.status = 'VALID' "
                    + "AND s.seq > k.keep", importId, importId);
            hub.update("UPDATE archive_staging s JOIN (SELECT name_phone_key, MIN(seq) AS keep FROM archive_staging WHERE import_id = ? "
                    + "AND status = 'VALID' AND name_phone_key IS NOT NULL GROUP BY name_phone_key HAVING COUNT(*) > 1) k "
                    + "ON s.name_phone_key = k.name_phone_key SET s.status = 'DUP_NAME_PHONE' WHERE s.import_id = ? "
                    + "AND s.status = 'VALID' AND s.credit_code IS NULL AND s.seq > k.keep", importId, importId);
        } else {
            // Portable form (H2, the demo's hub store, has no UPDATE ... JOIN).
            hub.update("UPDATE archive_staging SET status = 'DUP_CODE' WHERE import_id = ? AND status = 'VALID' AND credit_code IS NOT NULL "
                    + "AND seq NOT IN (SELECT keep FROM (SELECT MIN(seq) AS keep FROM archive_staging WHERE import_id = ? AND status = 'VALID' "
                    + "AND credit_code IS NOT NULL GROUP BY credit_code) k)", importId, importId);
            hub.update("UPDATE archive_staging SET status = 'DUP_NAME_PHONE' WHERE import_id = ? AND status = 'VALID' AND credit_code IS NULL "
                    + "AND name_phone_key IS NOT NULL AND seq NOT IN (SELECT keep FROM (SELECT MIN(seq) AS keep FROM archive_staging "
                    + "WHERE import_id = ? AND status = 'VALID' AND name_phone_key IS NOT NULL GROUP BY name_phone_key) k)", importId, importId);
        }
        hub.update("INSERT INTO archive_issue (import_id, sheet_name, row_no, kind, reason, detail) "
                + "SELECT d.import_id, d.sheet_name, d.row_no, 'DUPLICATE', 'archive.reason.duplicate.credit-code', "
                + "CONCAT(k.sheet_name, '!', k.row_no) FROM archive_staging d JOIN archive_staging k ON k.import_id = d.import_id "
                + "AND k.credit_code = d.credit_code AND k.status = 'VALID' WHERE d.import_id = ? AND d.status = 'DUP_CODE'", importId);
        hub.update("INSERT INTO archive_issue (import_id, sheet_name, row_no, kind, reason, detail) "
                + "SELECT d.import_id, d.sheet_name, d.row_no, 'DUPLICATE', 'archive.reason.duplicate.name-phone', "
                + "CONCAT(k.sheet_name, '!', k.row_no) FROM archive_staging d JOIN archive_staging k ON k.import_id = d.import_id "
                + "AND k.seq = (SELECT MIN(f.seq) FROM archive_staging f WHERE f.import_id = d.import_id AND f.status = 'VALID' "
                + "AND f.name_phone_key = d.name_phone_key) WHERE d.import_id = ? AND d.status = 'DUP_NAME_PHONE'", importId);
        return hub.queryForObject("SELECT COUNT(*) FROM archive_staging WHERE import_id = ? AND status LIKE 'DUP%'", Long.class, importId);
    }

    public long countValid(long importId) {
        return hub.queryForObject("SELECT COUNT(*) FROM archive_staging WHERE import_id = ? AND status = 'VALID'", Long.class, importId);
    }

    /** The VALID rows in file order, page by page (keyset on seq), as field -> value maps. */
    public void forEachValid(long importId, int pageSize, Consumer<List<Map<String, String>>> page) {
        long after = 0;
        while (true) {
            List<Object[]> rows = hub.query("SELECT seq, payload FROM archive_staging WHERE import_id = ? AND status = 'VALID' AND seq > ? "
                    + "ORDER BY seq LIMIT " + pageSize, (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}, importId, after);
            if (rows.isEmpty()) return;
            List<Map<String, String>> values = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
                try {
                    values.add(json.readValue((String) r[1], MAP));
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            }
            page.accept(values);
            after = (Long) rows.get(rows.size() - 1)[0];
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
