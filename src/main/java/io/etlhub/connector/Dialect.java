package io.etlhub.connector;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/** The SQL differences the hub cares about, chosen from the JDBC URL. */
public enum Dialect {
    SQLSERVER, MYSQL, H2;

    public static Dialect fromUrl(String url) {
        if (url.startsWith("jdbc:sqlserver:")) return SQLSERVER;
        if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) return MYSQL;
        if (url.startsWith("jdbc:h2:")) return H2;
        throw new IllegalArgumentException("unsupported JDBC URL (expected jdbc:sqlserver:, jdbc:mysql:, jdbc:mariadb: or jdbc:h2:): " + url);
    }

    /** Appends a row limit to a query that already ends in ORDER BY. */
    public String limit(String orderedQuery, int rows) {
        return page(orderedQuery, 0, rows);
    }

    /** Appends an offset and a row limit (one page of a paged table) to a query that already ends in ORDER BY. */
    public String page(String orderedQuery, long offset, int rows) {
        return switch (this) {
            case SQLSERVER, H2 -> orderedQuery + " OFFSET " + offset + " ROWS FETCH NEXT " + rows + " ROWS ONLY";
            case MYSQL -> orderedQuery + " LIMIT " + rows + (offset == 0 ? "" : " OFFSET " + offset);
        };
    }

    /** SQL Server (and its H2 stand-in) keep row versions as binary(8); MySQL fixtures as BIGINT. */
    public Object bindRowVersion(long version) {
        if (this == MYSQL) return version;
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) (version & 0xff);
            version >>>= 8;
        }
        return bytes;
    }

    /**
     * The fetch size that streams a large result instead of holding it whole: MySQL Connector/J reads
     * row by row only with Integer.MIN_VALUE (the connection runs nothing else until the result is
     * closed); SQL Server and H2 fetch this many rows at a time.
     */
    public int streamingFetchSize() {
        return this == MYSQL ? Integer.MIN_VALUE : 1000;
    }

    /** A JdbcTemplate on the data source that streams what it reads ({@link #streamingFetchSize}) instead of holding it whole. */
    public JdbcTemplate streaming(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(streamingFetchSize());
        return jdbc;
    }

    public String key() { return name().toLowerCase(); }
}
