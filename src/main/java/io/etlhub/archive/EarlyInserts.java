package io.etlhub.archive;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.SavepointManager;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * New companies written to the CRM while the file is still being read, so the CRM's inserts run beside the parse
 * instead of after it (issue 15: the merge waited about 20 s for them with one core idle while reading). The first
 * valid row of a credit code that no CRM customer has, and that matches none by name either, is inserted as it is, in
 * the import's CRM transaction, on the CRM's thread, after a savepoint.
 * <p>
 * The merge still decides every company as before ({@link CrmCustomerMerge}): a company of that one row, which the merge
 * would insert with the same values, is taken as written; any other company holding an early row (later rows of the
 * company changed it, or it turned out to match a customer) has that row deleted and goes the usual way. If the CRM
 * refuses an early insert, everything written early is rolled back to the savepoint and the merge writes all, naming
 * the row refused. So the CRM ends as it would without this, and the report and the counts are the same; only the
 * customers' ids may come in another order. Memory: a fingerprint of 8 bytes per row of the file, not the rows.
 */
final class EarlyInserts {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EarlyInserts.class);
    /** Rows handed to the CRM's thread at once, and how many may wait while it is busy before the reading waits. */
    private static final int HAND_OVER = 1_000;
    private static final int MAX_WAITING = 10_000;

    private final CrmCustomerMerge merge;
    private final CrmSession.Threaded crm;
    /** Credit codes seen by the reading, as 64-bit hashes (its thread only; dropped when the reading ends). */
    private CompanyIndex seen = new CompanyIndex();
    private long rowsSeen;
    /** Per sheet, per row number: the fingerprint of the arguments written early, 0 for none (the CRM's thread writes). */
    private final Map<String, long[]> written = new HashMap<>();
    private long count;
    private List<Map.Entry<String, Integer>> waitingRefs = new ArrayList<>();
    private List<Object[]> waitingRows = new ArrayList<>();
    private volatile boolean abandoned;
    /** Taken before the first early insert (on the CRM's thread). */
    private Object savepoint;

    private EarlyInserts(CrmCustomerMerge merge, CrmSession.Threaded crm) {
        this.merge = merge;
        this.crm = crm;
    }

    /** Early inserts for this merge, or null when the CRM's rows cannot be told apart by credit code. */
    static EarlyInserts forMerge(CrmCustomerMerge merge, CrmSession.Threaded crm) {
        return merge.canTakeBackByCreditCode() ? new EarlyInserts(merge, crm) : null;
    }

    /** A row as read (on the reading's thread): written early when it is the first of a new company. */
    void row(ArchiveRow row, String creditCode) {
        if (abandoned || row.rejected() || creditCode == null) return;
        // Not the first row of its code (or a code sharing another's hash): the merge writes it as usual.
        long seq = ++rowsSeen;
        if (seen.companySeq(creditCode, seq) != seq) return;
        if (!merge.insertsAsNew(row.values())) return;
        waitingRefs.add(Map.entry(row.sheet(), row.row()));
        waitingRows.add(merge.insertArguments(row.values()));
        if (waitingRows.size() >= HAND_OVER) handOver(waitingRows.size() >= MAX_WAITING);
    }

    /** Hands over what waits and returns once everything handed over is written (or abandoned). */
    void finish() {
        handOver(true);
        crm.call(tx -> null);
        seen = null;
    }

    /** Rows written early and not rolled back (after {@link #finish()}). */
    long count() {
        return abandoned ? 0 : count;
    }

    /** The fingerprint of what was written early for this row, or 0 (after {@link #finish()}). */
    long writtenFor(String sheet, int row) {
        long[] rows = abandoned ? null : written.get(sheet);
        return rows == null || row >= rows.length ? 0 : rows[row];
    }

    /** A fingerprint of an insert's arguments (64 bits of FNV-1a over their texts; never 0). */
    static long fingerprint(Object[] args) {
        long h = 0xcbf29ce484222325L;
        for (Object arg : args) {
            String text = Objects.toString(arg, "\u0000null");
            for (int i = 0; i < text.length(); i++) h = (h ^ text.charAt(i)) * 0x100000001b3L;
            h = (h ^ 0x1f) * 0x100000001b3L;
        }
        return h == 0 ? 1 : h;
    }

    private void handOver(boolean wait) {
        if (waitingRows.isEmpty() || abandoned) return;
        List<Map.Entry<String, Integer>> refs = waitingRefs;
        List<Object[]> rows = waitingRows;
        Consumer<SavepointManager> write = tx -> write(tx, refs, rows);
        if (wait) crm.submit(write);
        else if (!crm.offer(write)) return;
        waitingRefs = new ArrayList<>();
        waitingRows = new ArrayList<>();
    }

    private void write(SavepointManager tx, List<Map.Entry<String, Integer>> refs, List<Object[]> rows) {
        if (abandoned) return;
        if (savepoint == null) savepoint = tx.createSavepoint();
        try {
            merge.insertEarly(rows);
        } catch (DataAccessException e) {
            // The merge writes these companies again and names the row the CRM refuses.
            abandoned = true;
            tx.rollbackToSavepoint(savepoint);
            written.clear();
            log.info("early inserts abandoned, the merge writes every company: {}", e.getMostSpecificCause().getMessage());
            return;
        }
        for (int i = 0; i < refs.size(); i++) {
            int row = refs.get(i).getValue();
            long[] sheet = written.computeIfAbsent(refs.get(i).getKey(), k -> new long[Math.max(1024, row + 1)]);
            if (row >= sheet.length) written.put(refs.get(i).getKey(), sheet = Arrays.copyOf(sheet, Math.max(row + 1, sheet.length * 2)));
            sheet[row] = fingerprint(rows.get(i));
            count++;
        }
    }
}
