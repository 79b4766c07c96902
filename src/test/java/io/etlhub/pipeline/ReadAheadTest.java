package io.etlhub.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read-ahead hands over every item in order, its source's failure on the caller's thread, and stops on close. */
class ReadAheadTest {
    @Test
    void givesEveryItemInOrderThenNull() {
        AtomicInteger n = new AtomicInteger();
        List<Integer> seen = new ArrayList<>();
        try (ReadAhead<Integer> items = new ReadAhead<>("test-read", () -> n.get() < 50 ? n.incrementAndGet() : null)) {
            for (Integer i; (i = items.next()) != null; ) seen.add(i);
            assertThat(items.next()).isNull();
        }
        assertThat(seen).hasSize(50).isSorted().startsWith(1).endsWith(50);
    }

    @Test
    void theSourcesFailureIsThrownWhereTheItemWasExpected() {
        AtomicInteger n = new AtomicInteger();
        try (ReadAhead<Integer> items = new ReadAhead<>("test-read", () -> {
            if (n.incrementAndGet() == 3) throw new IllegalStateException("page 3 cannot be read");
            return n.get();
        })) {
            assertThat(items.next()).isEqualTo(1);
            assertThat(items.next()).isEqualTo(2);
            assertThatThrownBy(items::next).isInstanceOf(IllegalStateException.class).hasMessage("page 3 cannot be read");
            assertThat(items.next()).isNull();
        }
    }

    @Test
    void closingStopsTheSourceWithAtMostOneItemReadAhead() throws Exception {
        AtomicInteger produced = new AtomicInteger();
        ReadAhead<Integer> items = new ReadAhead<>("test-read", produced::incrementAndGet);
        assertThat(items.next()).isEqualTo(1);
        items.close();
        int atClose = produced.get();
        Thread.sleep(50);
        assertThat(produced.get()).isEqualTo(atClose).isLessThanOrEqualTo(3);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("test-read") && t.isAlive());
    }
}
