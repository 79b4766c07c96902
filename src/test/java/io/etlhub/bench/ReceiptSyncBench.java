package io.etlhub.bench;

import io.etlhub.EtlHubApplication;
import io.etlhub.demo.CrmReferenceSchema;
import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.SqlScripts;
import io.etlhub.demo.U8ReceiptWriter;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.TestMariaDb;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * P1: N U8 receipts (default 1,000,000) in MariaDB; the receipts-u8 sync against a raw JDBC batched
 * copy of the same rows between the same kinds of databases, in one run. Prints the figures.
 * Usage: bench/receipts-sync.sh [receipts] [opportunities]
 */
public final class ReceiptSyncBench {
    public static void main(String[] args) throws Exception {
        int receipts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int opportunities = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        String machine = machine();
        TestMariaDb db = TestMariaDb.get();
        String hub = db.freshDatabase("bench_hub"), crm = db.freshDatabase("bench_crm"), u8 = db.freshDatabase("bench_u8"),
                k3 = db.freshDatabase("bench_k3"), copy = db.freshDatabase("bench_copy");
        DriverManagerDataSource u8Source = new DriverManagerDataSource(u8, db.user(), db.password());
        DriverManagerDataSource crmSource = new DriverManagerDataSource(crm, db.user(), db.password());
        SqlScripts.run(u8Source, "demo/mariadb/u8-schema.sql");
        SqlScripts.run(new DriverManagerDataSource(k3, db.user(), db.password()), "demo/mariadb/k3-schema.sql");
        CrmReferenceSchema.migrate(crmSource);

        long t0 = System.nanoTime();
        generate(new JdbcTemplate(u8Source), new JdbcTemplate(crmSource), receipts, opportunities);
        System.out.printf("generated %,d U8 receipts for %,d opportunities in %.1f s%n", receipts, opportunities, secs(t0));

        ServerProfile copyProfile = ServerProfile.wanted() ? new ServerProfile(copy, db.user(), db.password()) : null;
        if (copyProfile != null) copyProfile.start();
        Cpu copyCpu = Cpu.now();
        long copyStart = System.nanoTime();
        long copied = rawCopy(u8, copy, db);
        double copySeconds = secs(copyStart);
        copyCpu = copyCpu.since();
        if (copyProfile != null) copyProfile.print("raw copy");

        for (String name : List.of("hub", "crm", "u8", "k3")) {
            String url = Map.of("hub", hub, "crm", crm, "u8", u8, "k3", k3).get(name);
            System.setProperty(name.toUpperCase() + "_JDBC_URL", url);
            System.setProperty(name.toUpperCase() + "_JDBC_USER", db.user());
            System.setProperty(name.toUpperCase() + "_JDBC_PASSWORD", db.password());
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(EtlHubApplication.class)
                .web(WebApplicationType.NONE)
                .run("--etlhub.scheduler.enabled=false", "--spring.main.banner-mode=off", "--logging.level.root=WARN");
        ServerProfile profile = ServerProfile.wanted() ? new ServerProfile(hub, db.user(), db.password()) : null;
        if (profile != null) profile.start();
        Cpu syncCpu = Cpu.now();
        long syncStart = System.nanoTime();
        RunSummary summary = context.getBean(RouteRunner.class).run("receipts-u8", Trigger.CLI, "bench", Map.of());
        double syncSeconds = secs(syncStart);
        syncCpu = syncCpu.since();
        if (profile != null) profile.print("sync");

        // The incremental case: 1,000 new receipts on top of everything applied, a run as the scheduler starts it.
        insertReceipts(new JdbcTemplate(u8Source), receipts + 1, receipts + INCREMENT, opportunities, new Random(2));
        long incrementStart = System.nanoTime();
        RunSummary increment = context.getBean(RouteRunner.class).run("receipts-u8", Trigger.CLI, "bench", Map.of());
        double incrementSeconds = secs(incrementStart);
        java.sql.Timestamp committed = new JdbcTemplate(new DriverManagerDataSource(hub, db.user(), db.password())).queryForObject(
                "SELECT MAX(completed_at) FROM receipt_batch WHERE run_id = ?", java.sql.Timestamp.class, increment.runId());
        double toCommit = committed == null ? Double.NaN
                : java.time.Duration.between(increment.startedAt(), committed.toLocalDateTime()).toMillis() / 1000.0;
        context.close();

        BigDecimal crmTotal = new JdbcTemplate(crmSource).queryForObject("SELECT SUM(received_amount) FROM crm_opportunity", BigDecimal.class);
        BigDecimal erpTotal = new JdbcTemplate(u8Source).queryForObject(
                "SELECT SUM(l.iAmt_f) FROM Ap_CloseBills l JOIN Ap_CloseBill h ON h.iID = l.iID WHERE h.cVouchType = '48'", BigDecimal.class);

        System.out.println();
        System.out.println("command  : bench/receipts-sync.sh " + receipts + " " + opportunities);
        System.out.println("machine  : " + machine);
        System.out.println("P1 receipts-u8 sync vs raw JDBC batched copy (same MariaDB " + version(u8, db) + ")");
        System.out.printf("raw copy : %,d rows in %6.1f s = %,8.0f rows/s%n", copied, copySeconds, copied / copySeconds);
        System.out.printf("sync     : %,d rows in %6.1f s = %,8.0f rows/s (status %s, applied %,d)%n", summary.count("read"), syncSeconds,
                summary.count("read") / syncSeconds, summary.status(), summary.count("applied"));
        System.out.printf("cpu      : raw copy: Java %.1f s (GC pauses %.1f s), MariaDB %.1f s; sync: Java %.1f s (GC pauses %.1f s), MariaDB %.1f s%n",
                copyCpu.client(), copyCpu.gc(), copyCpu.server(), syncCpu.client(), syncCpu.gc(), syncCpu.server());
        System.out.printf("ratio    : sync runs at %.2fx the raw rate (goal >= 0.5x; goal < 60 s)%n",
                (summary.count("read") / syncSeconds) / (copied / copySeconds));
        System.out.printf("increment: %,d new receipts on top of %,d applied: run %.1f s, CRM committed %.1f s after the run's start "
                        + "(goal < 2 s; status %s, applied %,d)%n", INCREMENT, receipts, incrementSeconds, toCommit,
                increment.status(), increment.count("applied"));
        System.out.printf("check    : CRM received total %s, ERP receipts total %s, %s%n", crmTotal, erpTotal,
                crmTotal != null && crmTotal.compareTo(erpTotal) == 0 ? "equal to the cent" : "DIFFERENT");
        System.exit(0);
    }

    private static void generate(JdbcTemplate u8, JdbcTemplate crm, int receipts, int opportunities) {
        CrmWriter crmWriter = new CrmWriter(crm);
        crmWriter.insertCustomers(List.of(new CrmWriter.Customer(1, "C00001", "基准客户", "张伟")));
        List<CrmWriter.Opp> opps = new ArrayList<>();
        for (long id = 1; id <= opportunities; id++) {
            opps.add(new CrmWriter.Opp(id, String.format("OPP-2026-%05d", id % 100_000), 1, "成交", "张伟", "CNY",
                    new BigDecimal("9000000.00"), LocalDate.of(2026, 1, 1), null));
            if (opps.size() == 5_000) { crmWriter.insertOpportunities(opps); opps.clear(); }
        }
        crmWriter.insertOpportunities(opps);
        insertReceipts(u8, 1, receipts, opportunities, new Random(1));
    }

    private static final int INCREMENT = 1_000;

    private static void insertReceipts(JdbcTemplate u8, int first, int last, int opportunities, Random random) {
        U8ReceiptWriter writer = new U8ReceiptWriter(u8);
        List<U8ReceiptWriter.Receipt> batch = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            long opp = 1 + random.nextInt(opportunities);
            batch.add(new U8ReceiptWriter.Receipt(i, "48", "SK" + i, LocalDate.of(2026, 1 + i % 10, 1 + i % 28), "C00001", "人民币",
                    1.0, List.of(BigDecimal.valueOf(random.nextInt(5_000_000) + 1, 2)),
                    String.format("商机号：OPP-2026-%05d 货款", opp % 100_000), "王会计"));
            if (batch.size() == 10_000) { writer.insert(batch); batch.clear(); }
        }
        writer.insert(batch);
    }

    /** The baseline: the same rows (header and summed lines) read and written with plain batched JDBC. */
    private static long rawCopy(String fromUrl, String toUrl, TestMariaDb db) throws Exception {
        try (Connection from = DriverManager.getConnection(fromUrl + "&useCursorFetch=true&defaultFetchSize=5000", db.user(), db.password());
             Connection to = DriverManager.getConnection(toUrl, db.user(), db.password())) {
            try (Statement s = to.createStatement()) {
                s.execute("CREATE TABLE receipt_copy (document_id VARCHAR(64) PRIMARY KEY, document_no VARCHAR(64), document_date DATE, "
                        + "customer_code VARCHAR(64), currency VARCHAR(20), exchange_rate DECIMAL(19,8), amount DECIMAL(19,2), "
                        + "memo VARCHAR(500), source_version BIGINT)");
            }
            to.setAutoCommit(false);
            long rows = 0;
            try (Statement read = from.createStatement();
                 ResultSet rs = read.executeQuery("SELECT h.iID, h.cVouchID, h.dVouchDate, h.cDwCode, h.cexch_name, h.iExchRate, "
                         + "(SELECT SUM(l.iAmt_f) FROM Ap_CloseBills l WHERE l.iID = h.iID), h.cDigest, h.ufts FROM Ap_CloseBill h "
                         + "WHERE h.cFlag = 'AR' AND h.cVouchType IN ('48', '49') ORDER BY h.ufts");
                 PreparedStatement write = to.prepareStatement("INSERT INTO receipt_copy VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                while (rs.next()) {
                    for (int c = 1; c <= 9; c++) write.setObject(c, rs.getObject(c));
                    write.addBatch();
                    if (++rows % 1000 == 0) { write.executeBatch(); to.commit(); }
                }
                write.executeBatch();
                to.commit();
            }
            return rows;
        }
    }

    /**
     * CPU seconds of this JVM and of the MariaDB server the bench started (0 for an external one):
     * on a shared 2-core machine they say whether the client or the database is the limit; and the JVM's GC pause time.
     */
    private record Cpu(double client, double server, double gc) {
        static Cpu now() throws Exception {
            double server = 0;
            for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
                if (p.info().command().orElse("").endsWith("mariadbd")) server += procSeconds(p.pid());
            }
            double gc = 0;
            for (var collector : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) gc += collector.getCollectionTime() / 1000.0;
            return new Cpu(procSeconds(ProcessHandle.current().pid()), server, gc);
        }

        Cpu since() throws Exception {
            Cpu end = now();
            return new Cpu(end.client - client, end.server - server, end.gc - gc);
        }

        /** utime + stime of /proc/<pid>/stat, in clock ticks of 1/100 s. */
        private static double procSeconds(long pid) throws Exception {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        }
    }

    /** Cores, memory and the load average when the bench starts: the machine may be shared. */
    static String machine() throws Exception {
        String load = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return Runtime.getRuntime().availableProcessors() + " cores, " + (memory >> 20) / 1024 + " GiB, load average at the start "
                + load.substring(0, load.lastIndexOf(' ', load.lastIndexOf(' ') - 1)) + ", Java " + System.getProperty("java.version");
    }

    private static String version(String url, TestMariaDb db) throws Exception {
        try (Connection c = DriverManager.getConnection(url, db.user(), db.password()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
