package io.etlhub.quality;

import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule against the golden dataset ({@link GoldenData}) on MariaDB, October 2026
 * (period [2026-10-01 00:00, 2026-11-01 00:00)). Expected values are worked out in the comments.
 */
class QualityGoldenIntegrationTest extends HubIntegrationTest {
    static final ReportPeriod OCTOBER = ReportPeriod.parse("2026-10");

    @Autowired
    QualityChecker checker;
    @Autowired
    HealthReportService service;
    @Autowired
    io.etlhub.crm.CrmQualityReads crmReads;

    Map<QualityRule, RuleOutcome> outcomes;

    @BeforeEach
    void load() {
        GoldenData.load(crmDb(), hub);
        outcomes = checker.check(OCTOBER).stream().collect(Collectors.toMap(o -> o.metric().rule(), Function.identity()));
    }

    private MetricResult metric(QualityRule rule) { return outcomes.get(rule).metric(); }

    private List<String> records(QualityRule rule) {
        return outcomes.get(rule).findings().stream().map(Finding::recordNo).toList();
    }

    private static BigDecimal d(String v) { return new BigDecimal(v); }

    @Test
    void stageJumpsAndBackwardMoves() {
        // Moved in October: opp 1 (4 moves), 2, 3, 4 (谈判->输单), 5 (created at 谈判), 8 = 6 opportunities
        // (6 moved only in September, 7 only in November).
        // Jumps: 2 (线索->成交), 3 (需求确认->样件验收), 5 (new -> 谈判, rank 0 -> 6), 8 (线索->技术确认) = 4;
        // 4's move to 输单 is an exit, not judged. 4 / 6 = 66.666.. -> 66.67 %
        assertThat(metric(QualityRule.STAGE_JUMP_RATE)).satisfies(m -> {
            assertThat(m.numerator()).isEqualTo(4);
            assertThat(m.denominator()).isEqualTo(6);
            assertThat(m.value()).isEqualByComparingTo(d("66.67"));
        });
        // Worst owner first: 王五 has 2 jumps (8 on 10-06, 5 on 10-25), then 张三 (2) and 李四 (3) with one each.
        assertThat(records(QualityRule.STAGE_JUMP_RATE)).containsExactly("OPP-2026-00008", "OPP-2026-00005", "OPP-2026-00002", "OPP-2026-00003");
        Finding jump = outcomes.get(QualityRule.STAGE_JUMP_RATE).findings().get(3);
        assertThat(jump.owner()).isEqualTo("李四");
        assertThat(jump.args()).containsExactly("需求确认", "样件验收", "技术确认");
        assertThat(jump.since()).isEqualTo(GoldenData.ts("2026-10-10 09:00:00").toLocalDateTime());
        assertThat(outcomes.get(QualityRule.STAGE_JUMP_RATE).findings().get(1).args()).containsExactly("-", "谈判", "线索、需求确认、技术确认、样件验收、批量报价");
        // Backward: only 3 (样件验收 -> 需求确认 on 10-15). 1 / 6 = 16.666.. -> 16.67 %
        assertThat(metric(QualityRule.STAGE_BACKWARD_RATE).value()).isEqualByComparingTo(d("16.67"));
        assertThat(records(QualityRule.STAGE_BACKWARD_RATE)).containsExactly("OPP-2026-00003");
    }

    @Test
    void stageCompletenessOfWonOpportunities() {
        // Won in October (moved into 成交): 1 (every stage 线索..成交) and 2 (线索 -> 成交 only); 7 was won in November.
        // Complete: 1 of 2 -> 50.00 %; 2 misses 需求确认、技术确认、样件验收、批量报价、谈判.
        assertThat(metric(QualityRule.STAGE_COMPLETENESS).value()).isEqualByComparingTo(d("50.00"));
        assertThat(metric(QualityRule.STAGE_COMPLETENESS).denominator()).isEqualTo(2);
        assertThat(records(QualityRule.STAGE_COMPLETENESS)).containsExactly("OPP-2026-00002");
        assertThat(outcomes.get(QualityRule.STAGE_COMPLETENESS).findings().get(0).args()).containsExactly("需求确认、技术确认、样件验收、批量报价、谈判");
    }

    @Test
    void leadRules() {
        // Leads created in October: 1, 2, 3, 4, 5, 7 = 6 (6 was created on 09-30).
        // Blank source: 2 ('  '), 3 ('n/a', placeholder N/A case-insensitive), 5 ('无'), 7 (NULL) = 4 -> 4/6 = 66.67 %
        assertThat(metric(QualityRule.BLANK_LEAD_SOURCE_RATE).value()).isEqualByComparingTo(d("66.67"));
        // Worst owner first: no owner (3 '' and 5 NULL: 2 findings; NULL sorts first), then 张三 (2), 王五 (7).
        assertThat(records(QualityRule.BLANK_LEAD_SOURCE_RATE)).containsExactly("LEAD-5", "LEAD-3", "LEAD-2", "LEAD-7");
        // Response: followed-up leads 1 (60 min), 2 (240), 4 (5760), 5 (30), 7 (31) -> 6121 min / 5 / 60 = 20.403 -> 20.40 h
        assertThat(metric(QualityRule.LEAD_RESPONSE_HOURS).value()).isEqualByComparingTo(d("20.40"));
        assertThat(metric(QualityRule.LEAD_RESPONSE_HOURS).numerator()).isEqualTo(6121);
        // Slower than the 2.5 h green bound (150 min): 2 (4.00 h, 张三), 4 (96.00 h, 李四)
        assertThat(records(QualityRule.LEAD_RESPONSE_HOURS)).containsExactly("LEAD-2", "LEAD-4");
        assertThat(outcomes.get(QualityRule.LEAD_RESPONSE_HOURS).findings().get(1).args()).containsExactly("96.00");
        // Stale (no follow-up, or after more than 72 h = 4320 min): 3 (none), 4 (5760) -> 2/6 = 33.33 %
        assertThat(metric(QualityRule.STALE_LEADS_RATE).value()).isEqualByComparingTo(d("33.33"));
        assertThat(records(QualityRule.STALE_LEADS_RATE)).containsExactly("LEAD-3", "LEAD-4");
        // Unassigned: 3 ('') and 5 (NULL) = 2
        assertThat(metric(QualityRule.UNASSIGNED_LEADS).value()).isEqualByComparingTo(d("2.00"));
        assertThat(records(QualityRule.UNASSIGNED_LEADS)).containsExactly("LEAD-5", "LEAD-3");
    }

    @Test
    void receiptLagAndOverdueReceipts() {
        // APPLIED receipts first applied in October: U8:1 (10-01 -> 10-02 10:00, 1 day), U8:2 (09-20 -> 10-03, 13),
        // U8:3 (10-10 -> 10-20 08:00, 10; its second APPLY on 10-25 does not count), K3:4 (10-28 -> 10-28 18:00, 0).
        // U8:5 shown in November, U8:6 unmatched, U8:7 reversed: out. (1 + 13 + 10 + 0) / 4 = 6.00 days
        MetricResult lag = metric(QualityRule.RECEIPT_LAG_DAYS);
        assertThat(lag.value()).isEqualByComparingTo(d("6.00"));
        assertThat(lag.numerator()).isEqualTo(24);
        assertThat(lag.denominator()).isEqualTo(4);
        assertThat(lag.details()).containsExactly(Map.entry("<=1", 2L), Map.entry("2-3", 0L), Map.entry("4-7", 0L),
                Map.entry("8-30", 2L), Map.entry(">30", 0L), Map.entry("max", 13L));
        // Worst offenders (> 7 days): SK2 (13 days, opp 2 of 张三), SK3 (10 days, opp 3 of 李四)
        assertThat(records(QualityRule.RECEIPT_LAG_DAYS)).containsExactly("SK2", "SK3");
        assertThat(outcomes.get(QualityRule.RECEIPT_LAG_DAYS).findings()).extracting(Finding::owner).containsExactly("张三", "李四");
        // Planned receipt date before 11-01 and nothing received, stage not 输单/已关闭/已取消:
        // 2 (10-20), 6 (09-30), 7 (10-31) = 3; 1 has received 1000, 4 is 输单, 5 is planned 11-15.
        assertThat(metric(QualityRule.OVERDUE_RECEIPTS).value()).isEqualByComparingTo(d("3.00"));
        // 王五 has two (6, 7), then 张三 (2)
        assertThat(records(QualityRule.OVERDUE_RECEIPTS)).containsExactly("OPP-2026-00006", "OPP-2026-00007", "OPP-2026-00002");
    }

    @Test
    void receiptLagTotalsDoNotDependOnHowManyLagsAreFindings() {
        QualitySettings settings = checker.settings();
        // At most one finding: the worst lag, SK2 (13 days); the totals still count all four receipts.
        RuleOutcome one = receiptLag(new QualitySettings(settings.stagePipeline(), settings.leadSourcePlaceholders(),
                settings.staleLeadHours(), settings.receiptLagFindingDays(), settings.customerUpdateWindowDays(),
                settings.customerCoreFields(), 1, settings.metrics(), settings.disabledRules()));
        assertThat(one.findings()).extracting(Finding::recordNo).containsExactly("SK2");
        assertThat(one.metric()).isEqualTo(metric(QualityRule.RECEIPT_LAG_DAYS));
        // No lag over 13 days: no finding, the same totals (the worst receipt carries them, it is no finding).
        RuleOutcome none = receiptLag(new QualitySettings(settings.stagePipeline(), settings.leadSourcePlaceholders(),
                settings.staleLeadHours(), 13, settings.customerUpdateWindowDays(),
                settings.customerCoreFields(), settings.maxFindingsPerRule(), settings.metrics(), settings.disabledRules()));
        assertThat(none.findings()).isEmpty();
        assertThat(none.metric()).isEqualTo(metric(QualityRule.RECEIPT_LAG_DAYS));
        // A month without receipts shown: zero everywhere, no value.
        RuleOutcome empty = receiptRules(settings)
                .evaluate(ReportPeriod.parse("2026-08"), java.util.Set.of(QualityRule.RECEIPT_LAG_DAYS)).get(0);
        assertThat(empty.findings()).isEmpty();
        assertThat(empty.metric().value()).isNull();
        assertThat(empty.metric().denominator()).isZero();
        assertThat(empty.metric().details()).containsExactly(Map.entry("<=1", 0L), Map.entry("2-3", 0L), Map.entry("4-7", 0L),
                Map.entry("8-30", 0L), Map.entry(">30", 0L), Map.entry("max", 0L));
    }

    private ReceiptRules receiptRules(QualitySettings settings) {
        io.etlhub.connector.Dialect dialect = io.etlhub.connector.Dialect.fromUrl(
                hub.execute((java.sql.Connection c) -> c.getMetaData().getURL()));
        return new ReceiptRules(hub, dialect, crmReads, settings);
    }

    private RuleOutcome receiptLag(QualitySettings settings) {
        return receiptRules(settings).evaluate(OCTOBER, java.util.Set.of(QualityRule.RECEIPT_LAG_DAYS)).get(0);
    }

    @Test
    void customerRules() {
        // Customers existing at 11-01: 1, 2, 3 (4 was created on 11-15).
        // Edits in the 30 days [10-02, 11-01): customer 1 x3 (10-05, 10-20, 10-31), customer 2 x1 (10-10; 10-01 is outside),
        // = 4 edits / 3 customers = 1.333 -> 1.33
        assertThat(metric(QualityRule.CUSTOMER_UPDATE_FREQUENCY).value()).isEqualByComparingTo(d("1.33"));
        // Not edited in the window: customer 3 (last edit 09-15)
        assertThat(records(QualityRule.CUSTOMER_UPDATE_FREQUENCY)).containsExactly("客户丙");
        assertThat(outcomes.get(QualityRule.CUSTOMER_UPDATE_FREQUENCY).findings().get(0).since())
                .isEqualTo(GoldenData.ts("2026-09-15 10:00:00").toLocalDateTime());
        // Core fields (name, credit-code, phone, address, owner): complete only customer 1 -> 1/3 = 33.33 %
        assertThat(metric(QualityRule.CORE_FIELD_COMPLETENESS).value()).isEqualByComparingTo(d("33.33"));
        assertThat(records(QualityRule.CORE_FIELD_COMPLETENESS)).containsExactly("客户乙", "客户丙");
        assertThat(outcomes.get(QualityRule.CORE_FIELD_COMPLETENESS).findings().get(1).args()).containsExactly("credit-code, address");
    }

    @Test
    void storedReportHasVerdictsAndChangeAgainstThePreviousMonth() {
        // September first: moved = 1, 3, 4, 6 (4 opportunities); jump = 6 (线索 -> 成交) -> 1/4 = 25.00 %
        HealthReport september = service.generate(ReportPeriod.parse("2026-09"), null, "MANUAL", "test");
        assertThat(september.metric("stage-jump-rate").value()).isEqualByComparingTo(d("25.00"));
        HealthReport october = service.generate(OCTOBER, null, "MANUAL", "test");
        HealthReport.MetricLine jump = october.metric("stage-jump-rate");
        // 66.67 - 25.00 = 41.67; 66.67 > amber 10 -> RED
        assertThat(jump.previous()).isEqualByComparingTo(d("25.00"));
        assertThat(jump.change()).isEqualByComparingTo(d("41.67"));
        assertThat(jump.verdict()).isEqualTo(Verdict.RED);
        // Bands from mappings/quality.yml: lag 6.00 in (3, 7] AMBER; overdue 3 in (0, 10] AMBER; unassigned 2 in (0, 5] AMBER;
        // update frequency 1.33 >= 1.2 GREEN; completeness 50 < 70 RED
        assertThat(october.metric("receipt-lag-days").verdict()).isEqualTo(Verdict.AMBER);
        assertThat(october.metric("overdue-receipts").verdict()).isEqualTo(Verdict.AMBER);
        assertThat(october.metric("unassigned-leads").verdict()).isEqualTo(Verdict.AMBER);
        assertThat(october.metric("customer-update-frequency").verdict()).isEqualTo(Verdict.GREEN);
        assertThat(october.metric("stage-completeness").verdict()).isEqualTo(Verdict.RED);
        // Findings: 4 + 1 + 1 + 4 + 2 + 3 + 2 + 2 + 2 + 1 + 2 = 24
        assertThat(october.findings().values().stream().mapToInt(List::size).sum()).isEqualTo(24);
        assertThat(october.findings().get("stage-jump-rate")).extracting(HealthReport.StoredFinding::owner)
                .containsExactly("王五", "王五", "张三", "李四");
        // A second October report is kept as history; the newest one counts for the trend.
        service.generate(OCTOBER, null, "MANUAL", "test");
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM quality_report WHERE period = '2026-10'", Integer.class)).isEqualTo(2);
    }
}
