package io.etlhub.receipts;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchEffectsTest {
    @Test
    void effectsOfSeveralBatchesAreSummedPerOpportunityToTheCent() {
        Map<Long, BigDecimal> first = new LinkedHashMap<>();
        first.put(7L, new BigDecimal("1200.50"));
        first.put(12L, new BigDecimal("-300.00"));
        Map<Long, BigDecimal> second = new LinkedHashMap<>();
        second.put(12L, new BigDecimal("0.01"));
        second.put(9000000001L, new BigDecimal("1E+2"));

        Map<Long, BigDecimal> sums = new TreeMap<>();
        BatchEffects.addTo(BatchEffects.write(first), sums);
        BatchEffects.addTo(BatchEffects.write(second), sums);

        assertThat(BatchEffects.write(first)).isEqualTo("7:1200.50;12:-300.00");
        assertThat(sums).containsOnlyKeys(7L, 12L, 9000000001L);
        assertThat(sums.get(7L)).isEqualByComparingTo("1200.50");
        assertThat(sums.get(12L)).isEqualByComparingTo("-299.99");
        assertThat(sums.get(9000000001L)).isEqualByComparingTo("100");
    }

    @Test
    void aBatchWithoutEffectsAddsNothingAndADamagedTextIsRefused() {
        Map<Long, BigDecimal> sums = new TreeMap<>();
        BatchEffects.addTo(BatchEffects.write(Map.of()), sums);
        assertThat(sums).isEmpty();
        assertThatThrownBy(() -> BatchEffects.addTo("7:1.00;12", sums)).hasMessageContaining("receipt_batch.effects");
    }
}
