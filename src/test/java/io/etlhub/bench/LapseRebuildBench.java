package io.etlhub.bench;

import io.etlhub.EtlHubApplication;
import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.TestMariaDb;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.Map;

/**
 * P5: the full rebuild of the lapse rhythm (run lapse-rebuild: visits, members, home stores from every
 * captured sale line) over LINES captured lines of MEMBERS members (default 10,000,000 and 500,000: ten
 * tickets of two lines each per member, 50 stores, one line in 97 a return), generated in the hub
 * store with MariaDB's sequence engine. Run by bench/lapse-rebuild.sh.
 */
public final class LapseRebuildBench {
    static final int LINES = Integer.getInteger("bench.lines", 10_000_000);
    static final int LINES_PER_MEMBER = 20;

    public static void main(String[] args) {
        try {
            bench();
        } catch (Throwable e) {
            e.printStackTrace(System.out);
            System.exit(1);
        }
        System.exit(0);
    }

    private static void bench() {
        TestMariaDb db = TestMariaDb.get();
        String hubUrl = db.freshDatabase("bench_hub");
        String crmUrl = db.freshDatabase("bench_crm");
        String u8Url = db.freshDatabase("bench_u8");
        String k3Url = db.freshDatabase("bench_k3");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(EtlHubApplication.class)
                .web(WebApplicationType.NONE)
                .properties("HUB_JDBC_URL=" + hubUrl, "CRM_JDBC_URL=" + crmUrl, "U8_JDBC_URL=" + u8Url, "K3_JDBC_URL=" + k3Url,
                        "HUB_JDBC_USER=" + db.user(), "CRM_JDBC_USER=" + db.user(), "U8_JDBC_USER=" + db.user(), "K3_JDBC_USER=" + db.user(),
                        "HUB_JDBC_PASSWORD=" + db.password(), "CRM_JDBC_PASSWORD=" + db.password(),
                        "U8_JDBC_PASSWORD=" + db.password(), "K3_JDBC_PASSWORD=" + db.password())
                .run("--etlhub.crm.reference-schema=true", "--etlhub.scheduler.enabled=false", "--etlhub.demo.seed=false",
                        "--spring.main.banner-mode=off", "--logging.level.root=WARN");
        try {
            JdbcTemplate hub = new JdbcTemplate(new DriverManagerDataSource(hubUrl, db.user(), db.password()));
            long t0 = System.nanoTime();
            int chunk = 1_000_000;
            for (int from = 0; from < LINES; from += chunk) {
                int to = Math.min(LINES, from + chunk) - 1;
                // Line s: member s / 20, ticket s / 2 (two lines), store by member (moves every 5 members' worth), day spread over a year.
                hub.update("INSERT INTO lapse_sale_line (pos, flow_no, flow_id, store, item, category, sale_day, amount, quantity, is_return, "
                        + "card, captured_at) SELECT 'sixun', CONCAT('F', seq DIV 2), seq MOD 2, CONCAT('S', LPAD(((seq DIV 20) + (seq DIV 7)) MOD 50, 3, '0')), "
                        + "CONCAT('I', seq MOD 997), CONCAT('C', seq MOD 13), DATE '2026-11-24' - INTERVAL (((seq DIV 2) * 7919) MOD 365) DAY, "
                        + "CASE WHEN seq MOD 97 = 0 THEN -(10 + seq MOD 50) ELSE 10 + seq MOD 50 END, CASE WHEN seq MOD 97 = 0 THEN -1 ELSE 1 END, "
                        + "CASE WHEN seq MOD 97 = 0 THEN 1 ELSE 0 END, CONCAT('V', seq DIV " + LINES_PER_MEMBER + "), NOW(3) FROM seq_" + from + "_to_" + to);
            }
            System.out.printf("data: %,d sale lines of %,d members loaded in %.1f s%n", count(hub, "lapse_sale_line"),
                    hub.queryForObject("SELECT COUNT(DISTINCT card) FROM lapse_sale_line", Long.class), seconds(t0));
            RouteRunner runner = context.getBean(RouteRunner.class);
            for (int run = 1; run <= 2; run++) {
                long start = System.nanoTime();
                RunSummary summary = runner.run("lapse-rebuild", Trigger.CLI, "bench", Map.of());
                System.out.printf("rebuild %d: %.1f s, %s, %,d visits%n", run, seconds(start), summary.counts(), count(hub, "lapse_visit"));
            }
        } finally {
            context.close();
        }
    }

    private static long count(JdbcTemplate jdbc, String table) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
        return n == null ? 0 : n;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
