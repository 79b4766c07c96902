package io.etlhub.connector;

import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a source table page by page in (version, key) order after a saved cursor: the one
 * incremental mechanism behind every JDBC source. Row versions (SQL Server rowversion) are
 * read up to a safe upper bound so rows of transactions still in flight are not skipped;
 * modify dates are re-read with an overlap, and the consumer's ledger makes the re-read a no-op.
 */
public final class IncrementalReader {
    /** The select list must name the version and the key with these aliases. */
    public static final String VERSION_ALIAS = "source_version";
    public static final String KEY_ALIAS = "source_key";

    public enum VersionType { ROWVERSION, DATETIME }

    /** Where the last run stopped. {@code key == null} means "from this version on, inclusive". */
    public record Cursor(String version, String key) {
        public static final Cursor START = new Cursor(null, null);
    }

    /**
     * @param select       {@code SELECT ... FROM ... WHERE <filter>}; must expose the version and key expressions
     * @param versionExpr  the version column or expression, e.g. {@code h.ufts}
     * @param keyExpr      the document key, e.g. {@code h.iID}
     */
    public record Spec(String select, String versionExpr, String keyExpr, VersionType type,
                       Duration overlap, String upperBoundSql) {}

    public record Page(List<Map<String, Object>> rows, Cursor last) {
        public boolean isEmpty() { return rows.isEmpty(); }
    }

    private final JdbcTemplate jdbc;
    private final Dialect dialect;
    private final Spec spec;

    public IncrementalReader(JdbcTemplate jdbc, Dialect dialect, Spec spec) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.spec = spec;
    }

    /** The highest version that is safe to read now, or null where the source has no such notion. */
    public Long safeUpperBound() {
        if (spec.type() != VersionType.ROWVERSION || spec.upperBoundSql() == null || spec.upperBoundSql().isBlank()) {
            return null;
        }
        return jdbc.queryForObject(spec.upperBoundSql(), Long.class);
    }

    /** The cursor a new run starts from: the saved one, moved back by the overlap for modify dates. */
    public Cursor startingAt(Cursor saved) {
        if (saved == null || saved.version() == null) return Cursor.START;
        if (spec.type() == VersionType.DATETIME && spec.overlap() != null && !spec.overlap().isZero()) {
            return new Cursor(LocalDateTime.parse(saved.version()).minus(spec.overlap()).toString(), null);
        }
        return saved;
    }

    public Page next(Cursor after, Long upperBound, int pageSize) {
        StringBuilder sql = new StringBuilder(spec.select());
        List<Object> args = new ArrayList<>();
        String v = spec.versionExpr();
        String k = spec.keyExpr();
        boolean uniqueVersion = spec.type() == VersionType.ROWVERSION;
        if (after != null && after.version() != null) {
            Object version = bindVersion(after.version());
            if (after.key() == null) {
                sql.append(" AND ").append(v).append(" >= ?");
                args.add(version);
            } else if (uniqueVersion) {
                // A rowversion is unique in its database: the version alone orders and resumes.
                sql.append(" AND ").append(v).append(" > ?");
                args.add(version);
            } else {
                // "v >= ? AND (v > ? OR k > ?)": the keyset condition, written so an index on v gives a range.
                sql.append(" AND ").append(v).append(" >= ? AND (").append(v).append(" > ? OR ").append(k).append(" > ?)");
                args.add(version);
                args.add(version);
                args.add(bindKey(after.key()));
            }
        }
        if (upperBound != null) {
            sql.append(" AND ").append(v).append(" <= ?");
            args.add(dialect.bindRowVersion(upperBound));
        }
        // Ordering by the version alone lets the source stop at the page size on its version index.
        sql.append(" ORDER BY ").append(v);
        if (!uniqueVersion) sql.append(", ").append(k);
        List<Map<String, Object>> rows = jdbc.query(dialect.limit(sql.toString(), pageSize), new ColumnMapRowMapper(), args.toArray());
        if (rows.isEmpty()) return new Page(rows, after);
        Map<String, Object> last = rows.get(rows.size() - 1);
        return new Page(rows, new Cursor(versionText(last.get(VERSION_ALIAS)), String.valueOf(last.get(KEY_ALIAS))));
    }

    /** Turns a version value as the driver returns it into the text kept in the watermark. */
    public String versionText(Object value) {
        if (value == null) return null;
        if (spec.type() == VersionType.ROWVERSION) return Long.toString(RowVersions.toLong(value));
        if (value instanceof Timestamp ts) return ts.toLocalDateTime().toString();
        if (value instanceof LocalDateTime ldt) return ldt.toString();
        return value.toString();
    }

    private Object bindVersion(String text) {
        return spec.type() == VersionType.ROWVERSION
                ? dialect.bindRowVersion(Long.parseLong(text))
                : Timestamp.valueOf(LocalDateTime.parse(text));
    }

    private static Object bindKey(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            return key;
        }
    }
}
