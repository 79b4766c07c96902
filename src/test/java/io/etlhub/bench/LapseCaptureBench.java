package io.etlhub.bench;

import io.etlhub.connector.ConnectorDefinition;
import io.etlhub.connector.debezium.CdcEngines;
import io.etlhub.support.TestMariaDb;
import org.apache.camel.CamelContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * P4: commit in the POS database to the trigger decision. RATE sales a second (one ticket of one line
 * and its payment line each, 20,000 members over 20 stores) are committed for SECONDS seconds into a
 * Sixun-shaped POS on MariaDB; the route pos-lapse (etlhub-cdc, Debezium's MariaDB connector, one hub
 * transaction per poll of the engine) stores the lines and decides their members' triggers. A sale is
 * decided in the hub transaction that takes its payment line (the change that names the member, after the
 * sale line in the binlog); that transaction remembers the change's key last, just before its commit
 * (cdc_event_seen.seen_at). Latency of a sale = that time minus the POS commit time written into the row
 * (oper_date, DATETIME(3), set just before its commit); also printed: sales decided a second, and how
 * many hub transactions (polls) took them. Run by bench/lapse-capture.sh.
 */
public final class LapseCaptureBench {
    static final int RATE = Integer.getInteger("bench.rate", 1000);
    static final int SECONDS = Integer.getInteger("bench.seconds", 60);
    /** Sales at RATE before the measured SECONDS, not counted (a hub that has run a while: -Dbench.warmupSeconds=20). */
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 0);

    public static void main(String[] args) {
        BenchHub.run("bench/lapse-capture.sh", LapseCaptureBench::bench);
    }

    private static void bench(BenchHub bench) throws Exception {
        TestMariaDb db = bench.db();
        String posUrl = bench.database("bench_pos");
        JdbcTemplate pos = bench.jdbc(posUrl);
        pos.execute("CREATE TABLE t_rm_saleflow (com_no BIGINT AUTO_INCREMENT PRIMARY KEY, flow_no VARCHAR(20) NOT NULL, flow_id INT NOT NULL, "
                + "branch_no VARCHAR(6) NOT NULL, item_no VARCHAR(20) NOT NULL, item_clsno VARCHAR(10), sale_qnty DECIMAL(12,3) NOT NULL, "
                + "sale_money DECIMAL(12,2) NOT NULL, sell_way CHAR(1) NOT NULL, oper_date DATETIME(3) NOT NULL)");
        pos.execute("CREATE TABLE t_rm_payflow (id BIGINT AUTO_INCREMENT PRIMARY KEY, flow_no VARCHAR(20) NOT NULL, vip_no VARCHAR(20), "
                + "oper_date DATETIME(3) NOT NULL)");
        ConfigurableApplicationContext context = bench.startHub("--etlhub.time-zone=UTC");
        {
            CamelContext camel = context.getBean(CamelContext.class);
            camel.getRegistry().bind("pos-cdc", ConnectorDefinition.class, new ConnectorDefinition("pos-cdc", "POS", "debezium", "POS", posUrl,
                    db.user(), db.password(), null, Map.of("flavour", "mariadb", "server-id", "91401"), null));
            camel.getRouteController().startRoute("pos-lapse");
            CdcEngines engines = context.getBean(CdcEngines.class);
            long wait = System.nanoTime();
            while (engines.status("pos-lapse") == null || !engines.status("pos-lapse").streaming()) {
                if (System.nanoTime() - wait > TimeUnit.SECONDS.toNanos(120)) throw new IllegalStateException("capture not streaming");
                TimeUnit.MILLISECONDS.sleep(100);
            }
            JdbcTemplate hub = bench.hub();
            int warmup = RATE * WARMUP_SECONDS;
            int total = warmup + RATE * SECONDS;
            double load = BenchHub.loadAverage();
            long start = System.nanoTime();
            try (Connection c = DriverManager.getConnection(posUrl, db.user(), db.password())) {
                c.setAutoCommit(false);
                PreparedStatement line = c.prepareStatement("INSERT INTO t_rm_saleflow (flow_no, flow_id, branch_no, item_no, item_clsno, sale_qnty, "
                        + "sale_money, sell_way, oper_date) VALUES (?, 1, ?, ?, ?, 1, 20, 'A', ?)");
                PreparedStatement pay = c.prepareStatement("INSERT INTO t_rm_payflow (flow_no, vip_no, oper_date) VALUES (?, ?, ?)");
                for (int i = 0; i < total; i++) {
                    long due = start + (long) (i * 1e9 / RATE);
                    long now = System.nanoTime();
                    if (due > now) TimeUnit.NANOSECONDS.sleep(due - now);
                    Timestamp at = new Timestamp(System.currentTimeMillis());
                    String flow = "B" + i;
                    int member = i % 20_000;
                    line.setString(1, flow);
                    line.setString(2, "S" + (member % 20));
                    line.setString(3, "I" + (i % 500));
                    line.setString(4, "C" + (i % 12));
                    line.setTimestamp(5, at);
                    line.executeUpdate();
                    pay.setString(1, flow);
                    pay.setString(2, "M" + member);
                    pay.setTimestamp(3, at);
                    pay.executeUpdate();
                    c.commit();
                }
            }
            double sending = (System.nanoTime() - start) / 1e9;
            System.out.printf("committed %,d sales in %.1f s (%.0f a second), load average at the start %.2f%n", total, sending, total / sending, load);
            long drained = System.nanoTime();
            while (count(hub, "SELECT COUNT(*) FROM lapse_sale_line WHERE card IS NOT NULL") < total) {
                if (System.nanoTime() - drained > TimeUnit.MINUTES.toNanos(30)) break;
                TimeUnit.MILLISECONDS.sleep(200);
            }
            System.out.printf("all decided %.1f s after the last commit (%,d lines with their member)%n", (System.nanoTime() - drained) / 1e9,
                    count(hub, "SELECT COUNT(*) FROM lapse_sale_line WHERE card IS NOT NULL"));
            printLatencies(hub, posUrl, warmup);
        }
    }

    /**
     * Per sale, across the two databases on one server: commit -> decision = the payment change's seen_at
     * (written in the deciding transaction; its key ends in the payment row's id, hub time, UTC) minus
     * oper_date (POS, UTC).
     */
    private static void printLatencies(JdbcTemplate hub, String posUrl, int warmup) {
        String path = posUrl.replaceAll("\\?.*", ""); // the query holds serverTimezone=Asia/Shanghai
        String posDb = path.substring(path.lastIndexOf('/') + 1);
        // per sale (payment id = sale number + 1; the warm-up's come first): seconds since the first counted commit, latency in ms
        String firstCounted = "(SELECT MIN(oper_date) FROM " + posDb + ".t_rm_payflow WHERE id > " + warmup + ")";
        List<long[]> all = hub.query("SELECT p.id, TIMESTAMPDIFF(SECOND, " + firstCounted + ", p.oper_date), "
                + "TIMESTAMPDIFF(MICROSECOND, p.oper_date, s.seen_at) DIV 1000 FROM (SELECT seen_at, "
                + "CAST(SUBSTRING_INDEX(event_key, '=', -1) AS UNSIGNED) AS id FROM cdc_event_seen WHERE engine = 'pos-lapse' AND event_key LIKE "
                + "'%/t_rm_payflow/%') s JOIN " + posDb + ".t_rm_payflow p ON p.id = s.id",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
        if (warmup > 0) print("warm-up, not counted", all.stream().filter(x -> x[0] <= warmup).map(x -> x[2]).sorted().toList());
        List<long[]> sales = all.stream().filter(x -> x[0] > warmup).map(x -> new long[] {x[1], x[2]}).toList();
        List<Long> decided = sales.stream().map(x -> x[1]).sorted().toList();
        print("commit -> decision", decided);
        // Where in the run the slow ones were (a start-up stall or throughout).
        java.util.TreeMap<Long, List<Long>> windows = new java.util.TreeMap<>();
        for (long[] x : sales) windows.computeIfAbsent(x[0] / 10 * 10, w -> new java.util.ArrayList<>()).add(x[1]);
        windows.forEach((from, ms) -> print("  committed in second " + from + "-" + (from + 9), ms.stream().sorted().toList()));
        if (decided.isEmpty()) return;
        Double span = hub.queryForObject("SELECT TIMESTAMPDIFF(MICROSECOND, " + firstCounted + ", "
                + "(SELECT MAX(seen_at) FROM cdc_event_seen WHERE engine = 'pos-lapse')) / 1e6", Double.class);
        System.out.printf("decided %,d sales from the first counted commit to the last decision in %.1f s: %.0f sales a second%n", decided.size(),
                span, decided.size() / span);
        // One hub transaction per poll: its changes share the seen_at written just before its commit.
        Map<String, Object> batches = hub.queryForMap("SELECT COUNT(*) AS batches, AVG(n) AS mean, MAX(n) AS largest FROM (SELECT seen_at, "
                + "COUNT(*) AS n FROM cdc_event_seen WHERE engine = 'pos-lapse' GROUP BY seen_at) b");
        System.out.printf("hub transactions: %s, changes per transaction: mean %.0f, largest %s%n", batches.get("batches"),
                ((Number) batches.get("mean")).doubleValue(), batches.get("largest"));
    }

    private static void print(String what, List<Long> ms) {
        if (ms.isEmpty()) {
            System.out.println(what + ": no latencies");
            return;
        }
        System.out.printf("%s, %,d sales: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n", what, ms.size(), pct(ms, 50), pct(ms, 90),
                pct(ms, 99), ms.get(ms.size() - 1));
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
