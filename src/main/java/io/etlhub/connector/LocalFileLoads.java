package io.etlhub.connector;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where {@link BulkInsert} may hand MySQL/MariaDB its rows as a file ({@code LOAD DATA LOCAL INFILE}), which
 * the server takes in about two thirds of the CPU that the same rows cost as multi-row INSERT literals.
 * <p>
 * The driver sends a local file only from the one folder named by its {@code allowLoadLocalInfileInPath}
 * property: a private folder of this JVM that holds nothing but the hub's own short-lived load files, so a
 * server asking for another file gets nothing (the reason Connector/J's {@code allowLoadLocalInfile} stays
 * off). Every MySQL pool the hub opens gets the property; a server whose {@code local_infile} is OFF (MySQL
 * 8's default) or a pool configured otherwise keeps the INSERT path.
 */
public final class LocalFileLoads {
    private static final String PROPERTY = PropertyKey.allowLoadLocalInfileInPath.getKeyName();

    private LocalFileLoads() {}

    /** This JVM's folder for load files (owner-only, created on first use). */
    static Path folder() {
        return Folder.PATH;
    }

    /** Adds the driver property to a pool's configuration when its URL is MySQL's and it has none. */
    public static void allow(HikariConfig config) {
        String url = config.getJdbcUrl();
        if (url != null && url.startsWith("jdbc:mysql:") && !url.contains(PROPERTY)
                && !config.getDataSourceProperties().containsKey(PROPERTY)) {
            config.addDataSourceProperty(PROPERTY, folder().toString());
        }
    }

    /** Whether this connection can load from {@link #folder()}: Connector/J allows it and the server's local_infile is ON. */
    static boolean available(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)) return false;
        String path = c.unwrap(JdbcConnection.class).getPropertySet().getStringProperty(PropertyKey.allowLoadLocalInfileInPath).getValue();
        if (path == null || !Path.of(path).toAbsolutePath().normalize().equals(folder())) return false;
        if (folder().toString().matches(".*['\\\\].*")) return false; // the path is written into the statement as a quoted text

        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@local_infile")) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    /** Created once, when the first pool is configured; its files are deleted as soon as they are loaded. */
    private static final class Folder {
        static final Path PATH = create();

        private static Path create() {
            try {
                Path folder = Files.createTempDirectory("etlhub-load-").toAbsolutePath().normalize();
                folder.toFile().deleteOnExit();
                return folder;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a folder for bulk load files under " + System.getProperty("java.io.tmpdir"), e);
            }
        }
    }
}
