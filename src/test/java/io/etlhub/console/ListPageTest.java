package io.etlhub.console;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared paging of console tables: search, filter, page bounds and links that keep the filters. */
class ListPageTest {
    static final List<String> ROWS = IntStream.rangeClosed(1, 95).mapToObj(i -> (i % 2 == 0 ? "even " : "odd ") + i).toList();

    @Test
    void searchesFiltersAndCutsThePage() {
        ListPage<String> page = ListPage.of(ROWS, new ListPage.Request(2, 10, " ODD "), s -> s,
                s -> !s.endsWith("5"), Map.of("route", "receipts-u8", "status", ""));
        // 48 odd rows, less the 10 ending in 5 = 38; page 2 holds the 11th to 20th
        assertThat(page.total()).isEqualTo(38);
        assertThat(page.pages()).isEqualTo(4);
        assertThat(page.items()).hasSize(10).first().isEqualTo("odd 27");
        assertThat(page.from()).isEqualTo(11);
        assertThat(page.to()).isEqualTo(20);
        assertThat(page.filters()).containsExactly(Map.entry("route", "receipts-u8"));
        assertThat(page.link(3)).isEqualTo("?route=receipts-u8&q=ODD&size=10&page=3");
    }

    @Test
    void outOfRangeRequestsAreBroughtInRange() {
        ListPage<String> beyond = ListPage.of(ROWS, new ListPage.Request(99, 5000, null), s -> s);
        assertThat(beyond.size()).isEqualTo(ListPage.MAX_SIZE);
        assertThat(beyond.number()).isEqualTo(1);
        assertThat(beyond.items()).hasSize(95);

        ListPage<String> negative = ListPage.of(ROWS, new ListPage.Request(-3, 0, ""), s -> s);
        assertThat(negative.number()).isEqualTo(1);
        assertThat(negative.size()).isEqualTo(ListPage.DEFAULT_SIZE);
        assertThat(negative.link(99)).isEqualTo("?page=4");

        ListPage<String> none = ListPage.of(List.of(), new ListPage.Request(1, null, "x"), s -> s);
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.from()).isZero();
    }

    @Test
    void theWindowShowsSevenPagesAroundTheCurrentOne() {
        assertThat(ListPage.of(ROWS, new ListPage.Request(10, 5, null), s -> s).window()).containsExactly(7, 8, 9, 10, 11, 12, 13);
        assertThat(ListPage.of(ROWS, new ListPage.Request(1, 5, null), s -> s).window()).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(ListPage.of(ROWS, new ListPage.Request(19, 5, null), s -> s).window()).containsExactly(13, 14, 15, 16, 17, 18, 19);
    }

    @Test
    void aDatabaseSliceAsksOnlyForItsRows() {
        ListPage<Integer> page = ListPage.sliced(95, new ListPage.Request(3, 25, null), Map.of("actor", "admin"),
                (offset, limit) -> IntStream.range(offset, Math.min(offset + limit, 95)).boxed().toList());
        assertThat(page.items()).hasSize(25).first().isEqualTo(50);
        assertThat(page.link(4)).isEqualTo("?actor=admin&page=4");
    }
}
