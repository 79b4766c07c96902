package io.etlhub.quality;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The stage rules' pieces that are decided outside the database: skipped stages, ranks, settings checks. */
class StageRulesTest {
    static final List<String> PIPELINE = List.of("线索", "需求确认", "技术确认", "样件验收", "批量报价", "谈判", "成交");

    static QualitySettings settings(List<String> pipeline, List<String> placeholders) {
        Map<String, MetricBand> bands = new java.util.LinkedHashMap<>();
        for (String id : QualityRule.ids()) bands.put(id, new MetricBand("lower", java.math.BigDecimal.ONE, java.math.BigDecimal.TEN, "percent"));
        return new QualitySettings(pipeline, placeholders, 72, 7, 30, List.of("name"), 100, bands, List.of());
    }

    final StageRules rules = new StageRules(null, settings(PIPELINE, List.of("无")));

    @Test
    void aJumpNamesEverySkippedMandatoryStage() {
        assertThat(rules.skipped("线索", "成交")).containsExactly("需求确认", "技术确认", "样件验收", "批量报价", "谈判");
        assertThat(rules.skipped("需求确认", "样件验收")).containsExactly("技术确认");
        // A new opportunity comes from before the first stage: created at 谈判 skips 线索..批量报价
        assertThat(rules.skipped(null, "谈判")).containsExactly("线索", "需求确认", "技术确认", "样件验收", "批量报价");
    }

    @Test
    void nextStagesBackwardMovesAndExitsSkipNothing() {
        assertThat(rules.skipped("线索", "需求确认")).isEmpty();
        assertThat(rules.skipped(null, "线索")).isEmpty();
        assertThat(rules.skipped("样件验收", "需求确认")).isEmpty();
        assertThat(rules.skipped("谈判", "输单")).isEmpty();
    }

    @Test
    void ranksFollowThePipelineAndLeaveOtherStagesNull() {
        String rank = SqlText.rank("s", List.of("线索", "成交"));
        assertThat(rank).isEqualTo("CASE s WHEN '线索' THEN 1 WHEN '成交' THEN 2 ELSE NULL END");
    }

    @Test
    void badSettingsAreListedWithTheirKey() {
        assertThat(settings(List.of("线索"), List.of()).problems()).contains("stage-pipeline: at least two stages are required");
        assertThat(settings(List.of("线索", "成交", "线索"), List.of()).problems()).anyMatch(p -> p.contains("listed twice"));
        assertThat(settings(PIPELINE, List.of("it's")).problems()).anyMatch(p -> p.startsWith("lead-source-placeholders: 'it's'"));
        assertThat(settings(PIPELINE, List.of("无")).problems()).isEmpty();
        QualitySettings ok = settings(PIPELINE, List.of("无"));
        QualitySettings offUnknown = new QualitySettings(ok.stagePipeline(), ok.leadSourcePlaceholders(), 72, 7, 30, List.of("name"),
                100, ok.metrics(), List.of("no-such-rule"));
        assertThat(offUnknown.problems()).anyMatch(p -> p.startsWith("disabled-rules: unknown rule 'no-such-rule'"));
    }

    @Test
    void periodsAreCalendarMonthsAndBadMonthsSayWhatIsExpected() {
        ReportPeriod p = ReportPeriod.parse("2026-12");
        assertThat(p.start()).hasToString("2026-12-01T00:00");
        assertThat(p.end()).hasToString("2027-01-01T00:00");
        assertThat(p.previous()).hasToString("2026-11");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportPeriod.parse("2026/10"))
                .hasMessageContaining("month must look like 2026-10");
    }
}
