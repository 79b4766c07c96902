package io.etlhub.archive;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The upload's bar: weighted phases, never back, never 100 before done. */
class ImportProgressTest {

    @Test
    void thePercentRisesThroughTheWeightedPhasesAndNeverGoesBack() {
        ImportProgress p = new ImportProgress();
        List<Integer> seen = new ArrayList<>();
        seen.add(p.percent());
        p.phase(ImportProgress.Phase.READING, 0);
        p.addTotal(100);
        p.processed(50);
        seen.add(p.percent());
        assertThat(p.percent()).isEqualTo(22); // half of READING's 45
        p.addTotal(900); // a second sheet declares its rows: the share drops, the bar does not
        seen.add(p.percent());
        p.processed(950);
        seen.add(p.percent());
        assertThat(p.percent()).isEqualTo(45);
        p.phase(ImportProgress.Phase.DEDUPLICATING, 0); // the phase's counters start again at 0 of 0
        seen.add(p.percent());
        assertThat(p.percent()).isEqualTo(45);
        p.phase(ImportProgress.Phase.MERGING, 200);
        p.processed(200);
        seen.add(p.percent());
        assertThat(p.percent()).isEqualTo(90);
        p.phase(ImportProgress.Phase.REPORTING, 0);
        seen.add(p.percent());
        assertThat(p.percent()).as("not 100 before done").isLessThan(100);
        p.done(new ImportResult(1, "a.xlsx", "x", "SUCCEEDED", ImportCounts.NONE, null, List.of()));
        seen.add(p.percent());

        assertThat(seen).isSorted().endsWith(100);
    }

    @Test
    void aFailedImportStaysWhereItStopped() {
        ImportProgress p = new ImportProgress();
        p.phase(ImportProgress.Phase.READING, 10);
        p.processed(10);
        assertThat(p.percent()).isEqualTo(45);
        p.failed("bad file");
        assertThat(p.percent()).isEqualTo(45);
    }
}
