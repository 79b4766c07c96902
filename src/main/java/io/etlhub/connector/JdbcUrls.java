package io.etlhub.connector;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an admin needs to know of a JDBC URL in an error: the server (host:port) and the database, never a secret. */
public final class JdbcUrls {
    private static final Pattern HOST_PORT = Pattern.compile("^jdbc:[a-z]+://([^/;?:]*)(?::(\\d+))?");
    private static final Pattern MYSQL_DATABASE = Pattern.compile("^jdbc:(?:mysql|mariadb)://[^/]*/([^?;]+)");
    private static final Pattern SQLSERVER_DATABASE = Pattern.compile("(?i);databaseName=([^;]+)");

    private JdbcUrls() {}

    /** {@code 127.0.0.1:3306}, {@code embedded H2 crm}, or the masked URL when it has no server part. */
    public static String server(String url) {
        if (url == null) return "(no url)";
        if (url.startsWith("jdbc:h2:")) return "embedded H2 " + url.substring("jdbc:h2:".length()).split(";")[0];
        Matcher m = HOST_PORT.matcher(url);
        if (!m.find()) return Secrets.maskUrl(url);
        String port = m.group(2) != null ? m.group(2) : defaultPort(url);
        return m.group(1) + (port == null ? "" : ":" + port);
    }

    public static String database(String url) {
        if (url == null) return null;
        Matcher m = MYSQL_DATABASE.matcher(url);
        if (m.find()) return m.group(1);
        m = SQLSERVER_DATABASE.matcher(url);
        return m.find() ? m.group(1) : null;
    }

    private static String defaultPort(String url) {
        if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) return "3306";
        if (url.startsWith("jdbc:sqlserver:")) return "1433";
        return null;
    }
}
