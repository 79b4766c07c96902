package io.etlhub.bench;

import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.etlhub.bench.BenchHub.count;
import static io.etlhub.bench.BenchHub.seconds;

/**
 * P5: the full rebuild of the lapse rhythm (run lapse-rebuild: visits, members, home stores from every
 * captured sale line, into shadow tables swapped in at the end) over LINES captured lines of LINES / 20
 * members (default 10,000,000 and 500,000: ten tickets of two lines each per member, 50 stores, one line
 * in 97 a return), generated in the hub store with MariaDB's sequence engine (bench/lapse-rebuild.sh gives
 * the server a 4 GiB buffer pool, -Dbench.bufferPool=4G: ten million lines and their indexes are about
 * 2 GiB); then the rebuild twice, with the seconds of each phase.
 * Run by bench/lapse-rebuild.sh.
 */
public final class LapseRebuildBench {
    static final int LINES = Integer.getInteger("bench.lines", 10_000_000);
    static final int LINES_PER_MEMBER = 20;

    public static void main(String[] args) {
        BenchHub.run("bench/lapse-rebuild.sh", LapseRebuildBench::bench);
    }

    private static void bench(BenchHub bench) {
        System.out.printf("MariaDB %s, InnoDB buffer pool %s%n", bench.hub().queryForObject("SELECT VERSION()", String.class),
                bench.hub().queryForObject("SELECT @@innodb_buffer_pool_size DIV (1024 * 1024)", Long.class) + " MiB");
        RouteRunner runner = bench.startHub().getBean(RouteRunner.class);
        JdbcTemplate hub = bench.hub();
        long t0 = System.nanoTime();
        int chunk = 1_000_000;
        for (int from = 0; from < LINES; from += chunk) {
            int to = Math.min(LINES, from + chunk) - 1;
            // Line s: member s / 20, ticket s / 2 (two lines), store by member (moves every 5 members' worth), day spread over a year.
            hub.update("INSERT INTO lapse_sale_line (pos, flow_no, flow_id, store, item, category, sale_day, amount, quantity, is_return, "
                    + "card, captured_at) SELECT 'sixun', CONCAT('F', seq DIV 2), seq MOD 2, CONCAT('S', LPAD(((seq DIV 20) + (seq DIV 7)) MOD 50, 3, '0')), "
                    + "CONCAT('I', seq MOD 997), CONCAT('C', seq MOD 13), DATE '2026-11-24' - INTERVAL (((seq DIV 2) * 7919) MOD 365) DAY, "
                    + "CASE WHEN seq MOD 97 = 0 THEN -(10 + seq MOD 50) ELSE 10 + seq MOD 50 END, CASE WHEN seq MOD 97 = 0 THEN -1 ELSE 1 END, "
                    + "CASE WHEN seq MOD 97 = 0 THEN 1 ELSE 0 END, CONCAT('V', seq DIV " + LINES_PER_MEMBER + "), "
                    // captured a day ago: the rebuild's catch-up (lines captured while it runs) finds none
                    + "NOW(3) - INTERVAL 1 DAY FROM seq_" + from + "_to_" + to);
        }
        hub.execute("ANALYZE TABLE lapse_sale_line");
        System.out.printf("data: %,d sale lines of %,d members loaded in %.1f s%n", count(hub, "lapse_sale_line"),
                hub.queryForObject("SELECT COUNT(DISTINCT card) FROM lapse_sale_line", Long.class), seconds(t0));
        long server = ProcessHandle.current().pid();
        try {
            server = Long.parseLong(Files.readString(Path.of(hub.queryForObject("SELECT @@pid_file", String.class))).trim());
        } catch (Exception e) {
            System.out.println("no CPU time of the server: " + e.getMessage());
        }
        for (int run = 1; run <= 2; run++) {
            double load = BenchHub.loadAverage();
            double cpu = BenchHub.cpuSeconds(server);
            long start = System.nanoTime();
            RunSummary summary = runner.run("lapse-rebuild", Trigger.CLI, "bench", Map.of());
            // The server's CPU seconds say how much work it was, however many others share the cores.
            System.out.printf("rebuild %d: %.1f s (%s), MariaDB CPU %.1f s, load average %.2f at its start; %s; phases (s) %s%n", run,
                    seconds(start), summary.status(), BenchHub.cpuSeconds(server) - cpu, load, summary.counts(), summary.outputs().get("phases"));
            if (summary.error() != null) System.out.println("  error: " + summary.error());
        }
    }
}
