package io.etlhub.bench;

import io.etlhub.quality.HealthReport;
import io.etlhub.quality.HealthReportService;
import io.etlhub.quality.ReportPeriod;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.etlhub.bench.BenchHub.count;
import static io.etlhub.bench.BenchHub.seconds;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * P3: the full monthly data-health report (every rule, findings stored, .xlsx written) on MariaDB
 * with 1,000,000 opportunities and 5,000,000 stage-history rows (plus leads, customers, customer
 * edits and receipts), generated in the database with MariaDB's sequence engine.
 * Run by bench/health-report.sh.
 */
public final class HealthReportBench {
    static final int OPPORTUNITIES = Integer.getInteger("bench.opportunities", 1_000_000);
    static final int MOVES_PER_OPPORTUNITY = 5;

    public static void main(String[] args) {
        BenchHub.run("bench/health-report.sh", HealthReportBench::bench);
    }

    private static void bench(BenchHub bench) throws Exception {
        ConfigurableApplicationContext context = bench.startHub("--logging.level.io.etlhub.quality=INFO");
        {
            JdbcTemplate crm = bench.crm();
            JdbcTemplate hub = bench.hub();
            long t0 = System.nanoTime();
            load(crm, hub);
            System.out.printf("data: %,d opportunities, %,d stage-history rows, %,d leads, %,d customers, %,d customer edits, %,d receipts; loaded in %.1f s%n",
                    count(crm, "crm_opportunity"), count(crm, "crm_opportunity_stage_history"), count(crm, "crm_lead"),
                    count(crm, "crm_customer"), count(crm, "crm_customer_change_log"), count(hub, "receipt_ledger"), seconds(t0));
            System.out.printf("stage-history rows in 2026-10: %,d%n", crm.queryForObject("SELECT COUNT(*) FROM crm_opportunity_stage_history "
                    + "WHERE changed_at >= '2026-10-01' AND changed_at < '2026-11-01'", Long.class));
            HealthReportService service = context.getBean(HealthReportService.class);
            for (int run = 1; run <= 3; run++) {
                long start = System.nanoTime();
                HealthReport report = service.generate(ReportPeriod.parse("2026-10"), null, "BENCH", "bench");
                double checked = seconds(start);
                long xlsxStart = System.nanoTime();
                Path out = Files.createTempFile("health-bench", ".xlsx");
                try (OutputStream o = Files.newOutputStream(out)) {
                    service.writeXlsx(report, Locale.SIMPLIFIED_CHINESE, o);
                }
                double total = seconds(start);
                System.out.printf("  .xlsx alone %.2f s%n", seconds(xlsxStart));
                long findings = report.findings().values().stream().mapToLong(java.util.List::size).sum();
                System.out.printf("run %d: checks + store %.2f s, with .xlsx %.2f s (%,d findings stored, %,d bytes)%n", run, checked, total,
                        findings, Files.size(out));
                if (run == 1) report.metrics().forEach(m -> System.out.printf("  %-26s %10s  %s (%s/%s)%n", m.metricId(), m.value(),
                        m.verdict(), m.numerator(), m.denominator()));
                Files.delete(out);
            }
        }
    }

    private static void load(JdbcTemplate crm, JdbcTemplate hub) {
        int n = OPPORTUNITIES;
        crm.execute("INSERT INTO crm_customer (id, erp_customer_code, name, credit_code, phone, address, owner, created_at) "
                + "SELECT seq, CONCAT('C', seq), CONCAT('客户', seq), IF(seq % 9 = 0, NULL, CONCAT('9131', seq)), IF(seq % 13 = 0, '', '021-1'), "
                + "'上海', CONCAT('销售', seq % 50), '2025-01-01' FROM seq_1_to_20000");
        crm.execute("INSERT INTO crm_customer_change_log (customer_id, field_name, changed_at) "
                + "SELECT 1 + seq % 20000, 'phone', '2026-09-01' + INTERVAL (seq * 100 % 5184000) SECOND FROM seq_1_to_50000");
        // Opportunities: a third has received nothing, planned receipt dates over a year.
        crm.execute("INSERT INTO crm_opportunity (id, opp_no, customer_id, name, stage, owner, currency, signed_amount, received_amount, "
                + "outstanding_amount, planned_receipt_date) SELECT seq, CONCAT('OPP-', LPAD(seq, 8, '0')), 1 + seq % 20000, 'bench', "
                + "IF(seq % 11 = 0, '输单', '成交'), CONCAT('销售', seq % 50), 'CNY', 10000.00, IF(seq % 3 = 0, 0, 10000.00), "
                + "IF(seq % 3 = 0, 10000.00, 0), '2025-11-01' + INTERVAL (seq % 400) DAY FROM seq_1_to_" + n);
        // Five moves per opportunity, one day apart, starting anywhere in the 12 months before November 2026.
        // Most go 线索 .. 批量报价 one stage at a time; every 10th jumps 线索 -> 技术确认 and 批量报价 -> 成交;
        // every 17th (of the others) moves back 样件验收 -> 需求确认 at its last move.
        String jumper = "o.seq % 10 = 0";
        crm.execute("INSERT INTO crm_opportunity_stage_history (opportunity_id, from_stage, to_stage, changed_at, changed_by) "
                + "SELECT o.seq, IF(" + jumper + ", ELT(k.seq, NULL, '线索', '技术确认', '样件验收', '批量报价'), "
                + "ELT(k.seq, NULL, '线索', '需求确认', '技术确认', '样件验收')), "
                + "IF(" + jumper + ", ELT(k.seq, '线索', '技术确认', '样件验收', '批量报价', '成交'), "
                + "ELT(k.seq, '线索', '需求确认', '技术确认', '样件验收', IF(o.seq % 17 = 0, '需求确认', '批量报价'))), "
                + "'2025-11-01' + INTERVAL (o.seq % 360) DAY + INTERVAL (o.seq % 86000) SECOND + INTERVAL k.seq DAY, 'bench' "
                + "FROM seq_1_to_" + n + " o JOIN seq_1_to_" + MOVES_PER_OPPORTUNITY + " k");
        crm.execute("INSERT INTO crm_lead (id, lead_no, lead_source, owner, created_at, first_follow_up_at) SELECT seq, CONCAT('L', seq), "
                + "ELT(1 + seq % 6, '展会', '', '无', '官网', 'N/A', '转介绍'), IF(seq % 23 = 0, NULL, CONCAT('销售', seq % 50)), "
                + "'2026-01-01' + INTERVAL (seq * 130) SECOND, IF(seq % 7 = 0, NULL, '2026-01-01' + INTERVAL (seq * 130) SECOND "
                + "+ INTERVAL (seq % 300) MINUTE) FROM seq_1_to_200000");
        hub.execute("INSERT INTO receipt_ledger (source_system, document_id, route_id, document_no, document_date, amount, content_hash, "
                + "state, opportunity_id, opportunity_no, applied_amount, first_seen_at, updated_at) SELECT 'U8', seq, 'receipts-u8', "
                + "CONCAT('SK', seq), '2026-01-01' + INTERVAL (seq % 300) DAY, 100.00, 'h', 'APPLIED', seq * 7 % " + n + " + 1, "
                + "CONCAT('OPP-', LPAD(seq * 7 % " + n + " + 1, 8, '0')), 100.00, NOW(), NOW() FROM seq_1_to_100000");
        hub.execute("INSERT INTO receipt_event (source_system, document_id, action, amount_delta, actor, created_at) "
                + "SELECT 'U8', seq, 'APPLY', 100.00, 'hub', '2026-01-01' + INTERVAL (seq % 300) DAY + INTERVAL (seq % 20) DAY "
                + "FROM seq_1_to_100000");
        crm.execute("ANALYZE TABLE crm_opportunity, crm_opportunity_stage_history, crm_lead, crm_customer, crm_customer_change_log");
        hub.execute("ANALYZE TABLE receipt_ledger, receipt_event");
    }

}
