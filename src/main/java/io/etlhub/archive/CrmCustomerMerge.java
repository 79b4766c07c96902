package io.etlhub.archive;

import io.etlhub.connector.TableMapping;
import io.etlhub.crm.CrmTable;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.SavepointManager;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes the file's companies into the CRM's customer table, inside the caller's CRM transaction.
 * A company matches an existing customer by credit code; else by normalised name, unless both carry
 * different credit codes (when a name fits several customers, one sharing a phone is taken, else the
 * oldest). A match is merged by the mapping's policy and written, with a new update time, only when
 * a value changed; any other company is inserted. Columns are named by mappings/crm.yml; the SQL is the crm
 * module's ({@link CrmTable}).
 */
public final class CrmCustomerMerge {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CrmCustomerMerge.class);
    private final CrmTable crm;
    private final TableMapping table;
    private final ArchiveMapping mapping;
    private final CustomerKeys keys;
    private final MergePolicy policy;
    private final FieldLabels labels;
    private final String sourceFile;
    private final List<String> fields = new ArrayList<>();
    private final Map<String, Long> byCode = new HashMap<>();
    private final Map<String, List<Long>> byName = new HashMap<>();
    private final Map<Long, List<String>> phonesOf = new HashMap<>();
    private final Map<Long, String> codeOf = new HashMap<>();
    private final CrmTable.Statement insert;
    private final java.sql.Timestamp now;
    private long inserted;
    private long merged;
    private long unchanged;
    /** The largest customer id before the import: rows above it that the import wrote early can be taken back. */
    private long lastIdBefore;
    private EarlyInserts early;
    private long takenBack;
    /** Early rows the merge has taken as written or deleted. */
    private long settled;

    /**
     * @param now the import's time on the hub's clock (etlhub.time-zone): the created and updated times it writes, so
     *            they read like every other time of the hub whatever the CRM database server's own zone
     */
    public CrmCustomerMerge(CrmTable crm, ArchiveMapping mapping, String sourceFile, LocalDateTime now) {
        this.now = java.sql.Timestamp.valueOf(now);
        this.crm = crm;
        this.table = crm.mapping();
        this.mapping = mapping;
        this.keys = new CustomerKeys(mapping.dedup());
        this.policy = new MergePolicy(mapping);
        this.labels = new FieldLabels(mapping);
        this.sourceFile = sourceFile;
        mapping.fields().forEach((name, f) -> { if (f.toCrm()) fields.add(name); });
        this.insert = insert();
    }

    /** The times an insert writes from the hub's clock (the CRM's defaults would use the database server's zone). */
    private static final List<String> TIMES = List.of("created-at", "updated-at");

    private record Match(long id, String how) {}

    /** A CRM customer as the merge sees it: field -> canonical text, and when it last changed. */
    private record CrmRow(Map<String, String> values, LocalDateTime updatedAt, Set<String> dirty) {}

    /** Reads the CRM's existing customers' keys: credit codes, normalised names and every phone. */
    public void loadExisting() {
        List<String> phoneColumns = new ArrayList<>();
        List<String> physical = new ArrayList<>();
        for (String p : mapping.dedup().phones()) {
            phoneColumns.add(logical(p));
            physical.add(column(p));
        }
        if (table.has("phone") && !physical.contains(table.col("phone"))) phoneColumns.add("phone");
        List<String> columns = new ArrayList<>(List.of("credit-code", "name"));
        columns.addAll(phoneColumns);
        PhoneRule phoneRule = new PhoneRule(false);
        crm.readAll(columns, rs -> {
            long id = rs.getLong(1);
            lastIdBefore = Math.max(lastIdBefore, id);
            String code = rs.getString(2);
            if (code != null && !code.isBlank()) {
                byCode.putIfAbsent(code.trim().toUpperCase(), id);
                codeOf.put(id, code.trim().toUpperCase());
            }
            String name = CompanyNameRule.key(rs.getString(3));
            if (name != null) byName.computeIfAbsent(name, k -> new ArrayList<>(1)).add(id);
            List<String> phones = new ArrayList<>(1);
            for (int i = 0; i < phoneColumns.size(); i++) {
                String raw = rs.getString(4 + i);
                Cleaned phone = raw == null ? Cleaned.BLANK : phoneRule.apply(raw);
                if (phone.value() != null) phones.add(phone.value());
            }
            if (!phones.isEmpty()) phonesOf.put(id, phones);
        });
    }

    /** Companies may have been written while the file was read ({@link EarlyInserts}); the merge settles each. */
    void useEarlyInserts(EarlyInserts early) {
        this.early = early;
    }

    /**
     * Whether rows written early can be found again (by credit code written to the CRM, source file and id) and taken
     * back (the account may DELETE customers: docs/deployment.md; without it imports write every company in the merge).
     */
    boolean canTakeBackByCreditCode() {
        String code = mapping.dedup().creditCode();
        return code != null && fields.contains(code) && table.has("id") && crm.mayDelete();
    }

    /** Whether a company of these values alone would be inserted (it matches no customer the CRM had before the import). */
    boolean insertsAsNew(Map<String, String> values) {
        return match(values) == null;
    }

    /** The INSERT's arguments for a company of these values. */
    Object[] insertArguments(Map<String, String> values) {
        return insertArgs(values);
    }

    /** Writes rows early, in the caller's (the CRM thread's) transaction. */
    void insertEarly(List<Object[]> rows) {
        crm.insertAll(insert, rows);
    }

    /**
     * Checks that every row written early belongs to a company the merge settled (every valid row reaches the merge); an
     * import that left one would not end as the merge decided, so it fails and its CRM transaction rolls back. Call after
     * the last page, before the commit.
     */
    void checkEarlyRowsSettled() {
        if (early == null) return;
        log.info("{}: {} customers written while reading, {} of them taken back (rewritten or merged)", sourceFile, early.count(), takenBack);
        if (settled != early.count()) {
            throw new IllegalStateException(sourceFile + ": " + early.count() + " customers were written while reading, the merge settled " + settled);
        }
    }

    /**
     * Inserts or merges one page of companies; report lines for every merge (what it filled) and every
     * unchanged customer go to {@code issues}. When the CRM refuses the page, it is rolled back to a
     * savepoint and written company by company to name the one refused ({@link CrmWriteException}).
     */
    public void apply(List<Company> companies, Consumer<CellIssue> issues, SavepointManager savepoints) {
        apply(companies, issues, CrmSession.direct(savepoints));
    }

    /**
     * As {@link #apply(List, Consumer, SavepointManager)}, in the session's transaction: the page is prepared here and
     * written by the session (a threaded session writes it while the caller prepares the next page).
     */
    void apply(List<Company> companies, Consumer<CellIssue> issues, CrmSession crmSession) {
        Map<Company, Match> matches = new LinkedHashMap<>();
        for (Company c : companies) {
            Match m = match(c.values);
            if (m != null) matches.put(c, m);
        }
        // The companies that match no customer are inserted whatever the read below finds: their values are made ready
        // first, while a threaded session still writes the page before (the read waits for that write).
        Map<Company, Object[]> ready = new HashMap<>();
        for (Company c : companies) if (!matches.containsKey(c)) ready.put(c, insertArgs(c.values));
        List<Long> matched = matches.values().stream().map(Match::id).distinct().toList();
        Map<Long, CrmRow> rows = matched.isEmpty() ? new HashMap<>() : crmSession.call(tx -> load(matched));
        List<Company> inserts = new ArrayList<>();
        List<String> takeBack = new ArrayList<>();
        Map<Long, Company> updatedBy = new LinkedHashMap<>();
        for (Company c : companies) {
            Match m = matches.get(c);
            if (m != null && otherCode(c, rows.get(m.id()))) {
                // An earlier company of this page gave that customer another credit code: look again.
                m = match(c.values);
                if (m != null && !rows.containsKey(m.id())) {
                    long id = m.id();
                    rows.putAll(crmSession.call(tx -> load(List.of(id))));
                }
            }
            long written = writtenEarly(c);
            if (m == null) {
                if (written != 0 && c.rows.size() == 1
                        && written == EarlyInserts.fingerprint(ready.computeIfAbsent(c, k -> insertArgs(k.values)))) {
                    inserted++; // its one row, written early as the merge would insert it
                    continue;
                }
                if (written != 0) takeBack.add(keys.creditCode(c.values));
                inserts.add(c);
                continue;
            }
            if (written != 0) takeBack.add(keys.creditCode(c.values));
            CrmRow row = rows.get(m.id());
            List<MergePolicy.Change> changes = policy.merge(row.values(), f -> row.updatedAt(), c.values, c::asOf, fields);
            String name = row.values().get(mapping.dedup().name());
            if (changes.isEmpty()) {
                unchanged++;
                issues.accept(new CellIssue(c.sheet, c.row, null, null, null, CellIssue.Kind.CRM_UNCHANGED,
                        "archive.reason.crm-unchanged." + m.how(), CellIssue.args(m.id(), name)));
                continue;
            }
            merged++;
            changes.forEach(ch -> row.dirty().add(ch.field()));
            updatedBy.putIfAbsent(m.id(), c);
            issues.accept(new CellIssue(c.sheet, c.row, null, null, labels.describe(changes), CellIssue.Kind.CRM_MERGED,
                    "archive.reason.crm-merged." + m.how(), CellIssue.args(m.id(), name, labels.names(changes))));
            String code = keys.creditCode(row.values());
            if (code != null && !codeOf.containsKey(m.id())) {
                codeOf.put(m.id(), code);
                byCode.putIfAbsent(code, m.id());
            }
        }
        takenBack += takeBack.size();
        if (!takeBack.isEmpty()) crmSession.submit(tx -> takeBack(takeBack));
        write(inserts, ready, rows, updatedBy, crmSession);
        inserted += inserts.size();
    }

    /** The fingerprint of the company's row written early, or 0; counts it as settled. */
    private long writtenEarly(Company c) {
        if (early == null) return 0;
        long found = 0;
        for (Map.Entry<String, Integer> row : c.rows) {
            long f = early.writtenFor(row.getKey(), row.getValue());
            if (f != 0) {
                found = f;
                settled++;
            }
        }
        return found;
    }

    /** Deletes the rows written early for these credit codes (before the page that writes their companies again). */
    private void takeBack(List<String> codes) {
        // Rows newer than the import's start, of this file, with these codes: only this import's early rows (no customer
        // the CRM had before has such a code, compared as the merge compares them).
        int deleted = crm.deleteNewer(lastIdBefore, Map.of("source-file", sourceFile), logical(mapping.dedup().creditCode()), codes);
        if (deleted != codes.size()) {
            throw new IllegalStateException("taking back " + codes.size() + " customers written early found " + deleted);
        }
    }

    public long inserted() { return inserted; }

    /** Existing customers with at least one value changed. */
    public long merged() { return merged; }

    /** Existing customers the file had nothing new for. */
    public long unchanged() { return unchanged; }

    private boolean otherCode(Company company, CrmRow row) {
        String mine = keys.creditCode(company.values);
        String theirs = keys.creditCode(row.values());
        return mine != null && theirs != null && !mine.equals(theirs);
    }

    private Match match(Map<String, String> row) {
        String code = keys.creditCode(row);
        if (code != null && byCode.containsKey(code)) return new Match(byCode.get(code), "credit-code");
        List<Long> sameName = byName.getOrDefault(keys.nameKey(row), List.of());
        Long first = null;
        for (long id : sameName) {
            // A customer with another credit code is another company of the same name.
            if (code != null && codeOf.containsKey(id)) continue;
            if (first == null) first = id;
            List<String> phones = phonesOf.getOrDefault(id, List.of());
            for (String p : keys.phones(row)) if (phones.contains(p)) return new Match(id, "name-phone");
        }
        return first == null ? null : new Match(first, "name");
    }

    private Map<Long, CrmRow> load(List<Long> ids) {
        Map<Long, CrmRow> rows = new HashMap<>();
        if (ids.isEmpty()) return rows;
        List<String> cols = new ArrayList<>();
        for (String f : fields) cols.add(logical(f));
        boolean updatedAt = table.has("updated-at");
        if (updatedAt) cols.add("updated-at");
        crm.readByIds(cols, ids, rs -> {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                String v = canonical(rs.getObject(2 + i));
                if (v != null) values.put(fields.get(i), v);
            }
            Timestamp at = updatedAt ? rs.getTimestamp(2 + fields.size()) : null;
            rows.put(rs.getLong(1), new CrmRow(values, at == null ? null : at.toLocalDateTime(), new LinkedHashSet<>()));
        });
        return rows;
    }

    /** Prepares the page's INSERT and UPDATE arguments here and hands them to the session to write. */
    private void write(List<Company> inserts, Map<Company, Object[]> ready, Map<Long, CrmRow> rows, Map<Long, Company> updatedBy,
                       CrmSession crmSession) {
        List<Object[]> insertArgs = new ArrayList<>();
        for (Company c : inserts) insertArgs.add(ready.containsKey(c) ? ready.get(c) : insertArgs(c.values));
        // Updates grouped by the columns they set, one batch per group.
        Map<CrmTable.Statement, List<Object[]>> updates = new LinkedHashMap<>();
        Map<CrmTable.Statement, List<Company>> updateOwners = new LinkedHashMap<>();
        updatedBy.forEach((id, company) -> {
            CrmRow row = rows.get(id);
            List<String> dirty = new ArrayList<>(row.dirty());
            List<Object> args = new ArrayList<>();
            for (String f : dirty) args.add(typed(f, row.values().get(f)));
            if (table.has("updated-at")) args.add(now);
            args.add(id);
            CrmTable.Statement sql = update(dirty);
            updates.computeIfAbsent(sql, k -> new ArrayList<>()).add(args.toArray());
            updateOwners.computeIfAbsent(sql, k -> new ArrayList<>()).add(company);
        });
        crmSession.submit(savepoints -> write(inserts, insertArgs, updates, updateOwners, savepoints));
    }

    /**
     * Writes one page; when the CRM refuses it, rolls back to the page's savepoint and writes company by company to name
     * the one refused ({@link CrmWriteException}).
     */
    private void write(List<Company> inserts, List<Object[]> insertArgs, Map<CrmTable.Statement, List<Object[]>> updates,
                       Map<CrmTable.Statement, List<Company>> updateOwners, SavepointManager savepoints) {
        Object savepoint = savepoints == null ? null : savepoints.createSavepoint();
        try {
            if (!insertArgs.isEmpty()) crm.insertAll(insert, insertArgs);
            updates.forEach(crm::batch);
        } catch (DataAccessException e) {
            if (savepoint == null) throw e;
            savepoints.rollbackToSavepoint(savepoint);
            for (int i = 0; i < inserts.size(); i++) writeOne(insert, insertArgs.get(i), inserts.get(i));
            updates.forEach((sql, args) -> {
                for (int i = 0; i < args.size(); i++) writeOne(sql, args.get(i), updateOwners.get(sql).get(i));
            });
            throw e;
        }
        if (savepoint != null) savepoints.releaseSavepoint(savepoint);
    }

    private void writeOne(CrmTable.Statement sql, Object[] args, Company company) {
        try {
            crm.one(sql, args);
        } catch (DataAccessException e) {
            throw new CrmWriteException(company.sheet, company.row, e);
        }
    }

    private CrmTable.Statement insert() {
        List<String> cols = new ArrayList<>();
        List<String> physical = new ArrayList<>();
        for (String f : fields) {
            cols.add(logical(f));
            physical.add(column(f));
        }
        cols.add("source-file");
        physical.add(table.col("source-file"));
        for (String time : TIMES) if (table.has(time) && !physical.contains(table.col(time))) cols.add(time);
        return crm.insert(cols);
    }

    private Object[] insertArgs(Map<String, String> row) {
        List<Object> args = new ArrayList<>();
        for (String f : fields) args.add(typed(f, row.get(f)));
        args.add(sourceFile);
        List<String> mapped = new ArrayList<>();
        for (String f : fields) mapped.add(column(f));
        for (String time : TIMES) if (table.has(time) && !mapped.contains(table.col(time))) args.add(now);
        return args.toArray();
    }

    /** Sets the changed columns only; the update time moves with them (and only then). */
    private CrmTable.Statement update(List<String> changed) {
        List<String> set = new ArrayList<>();
        for (String f : changed) set.add(logical(f));
        if (table.has("updated-at")) set.add("updated-at");
        return crm.update(set);
    }

    /** A CRM value as the rules write it: dates ISO, numbers plain; blank text as no value. */
    private static String canonical(Object value) {
        if (value == null) return null;
        if (value instanceof Date d) return d.toLocalDate().toString();
        if (value instanceof LocalDate d) return d.toString();
        if (value instanceof BigDecimal n) return n.toPlainString();
        String s = value.toString();
        return s.isBlank() ? null : s;
    }

    private Object typed(String field, String value) {
        if (value == null) return null;
        return switch (rule(field)) {
            case "date" -> Date.valueOf(LocalDate.parse(value.substring(0, 10)));
            case "number" -> new BigDecimal(value);
            default -> value;
        };
    }

    private String rule(String field) {
        String r = mapping.fields().get(field).rule();
        return r == null ? "text" : r;
    }

    /** The field's column: its logical name in mappings/crm.yml, and the CRM's own name for it. */
    private String logical(String field) {
        return mapping.fields().get(field).crmColumn(field);
    }

    private String column(String field) {
        return table.col(logical(field));
    }
}
