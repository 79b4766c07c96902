package io.etlhub.quality;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class MetricBandTest {
    static BigDecimal d(String v) { return new BigDecimal(v); }

    @Test
    void lowerIsBetterBandsIncludeTheirBounds() {
        MetricBand band = new MetricBand("lower", d("2.5"), d("8"), "hours");
        assertThat(band.judge(d("0"))).isEqualTo(Verdict.GREEN);
        assertThat(band.judge(d("2.50"))).isEqualTo(Verdict.GREEN);
        assertThat(band.judge(d("2.51"))).isEqualTo(Verdict.AMBER);
        assertThat(band.judge(d("8.00"))).isEqualTo(Verdict.AMBER);
        assertThat(band.judge(d("8.01"))).isEqualTo(Verdict.RED);
    }

    @Test
    void higherIsBetterBandsIncludeTheirBounds() {
        MetricBand band = new MetricBand("higher", d("85"), d("70"), "percent");
        assertThat(band.judge(d("100"))).isEqualTo(Verdict.GREEN);
        assertThat(band.judge(d("85.00"))).isEqualTo(Verdict.GREEN);
        assertThat(band.judge(d("84.99"))).isEqualTo(Verdict.AMBER);
        assertThat(band.judge(d("70"))).isEqualTo(Verdict.AMBER);
        assertThat(band.judge(d("69.99"))).isEqualTo(Verdict.RED);
    }

    @Test
    void nothingMeasuredIsNoVerdict() {
        assertThat(new MetricBand("lower", d("5"), d("10"), "percent").judge(null)).isEqualTo(Verdict.NONE);
        assertThat(MetricResult.rate(QualityRule.STAGE_JUMP_RATE, 0, 0).value()).isNull();
    }

    @Test
    void ratesAndAveragesRoundHalfUpToTwoDecimals() {
        // 1/8 = 12.5 %, 2/3 = 66.666.. -> 66.67, 1/6 = 16.666.. -> 16.67
        assertThat(MetricResult.rate(QualityRule.STAGE_JUMP_RATE, 1, 8).value()).isEqualByComparingTo(d("12.50"));
        assertThat(MetricResult.rate(QualityRule.STAGE_JUMP_RATE, 2, 3).value()).isEqualByComparingTo(d("66.67"));
        // 3 minutes over 2 leads in hours: 3 / (2 x 60) = 0.025 -> 0.03 (HALF_UP)
        assertThat(MetricResult.average(QualityRule.LEAD_RESPONSE_HOURS, 3, 2, 60, java.util.Map.of()).value())
                .isEqualByComparingTo(d("0.03"));
    }

    @Test
    void inconsistentBandsAreRejectedWithTheReason() {
        assertThat(new MetricBand("lower", d("10"), d("5"), "percent").problem()).contains("amber (5) must not be below green (10)");
        assertThat(new MetricBand("higher", d("70"), d("85"), "percent").problem()).contains("must not be above green");
        assertThat(new MetricBand("up", d("1"), d("2"), "percent").problem()).contains("better must be 'lower' or 'higher'");
        assertThat(new MetricBand("lower", d("1"), d("2"), "furlongs").problem()).contains("unit must be");
    }
}
