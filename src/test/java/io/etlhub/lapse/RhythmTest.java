package io.etlhub.lapse;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rhythm from a member's lines: visits, gaps, spend and favourite store, with returns and store moves. */
class RhythmTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    int ticket;

    SaleLine sale(LocalDate day, String store, String item, String category, String amount) {
        return new SaleLine("sixun", "T" + (++ticket), "1", store, item, category, day, new BigDecimal(amount), BigDecimal.ONE, false, "V1");
    }

    SaleLine refund(LocalDate day, String store, String item, String category, String amount) {
        return new SaleLine("sixun", "T" + (++ticket), "1", store, item, category, day, new BigDecimal(amount).negate(), BigDecimal.ONE.negate(),
                true, "V1");
    }

    Rhythm rhythm(List<SaleLine> lines) {
        return Rhythm.of("V1", Rhythm.visitsOf(lines), lines, TODAY, 90, 2);
    }

    @Test
    void aSingleVisitHasNoGapAndAMemberWithoutVisitsNoFavouriteStore() {
        Rhythm none = rhythm(List.of());
        assertThat(none.visitDays()).isEmpty();
        assertThat(none.gaps()).isEmpty();
        assertThat(none.lastVisit()).isNull();
        assertThat(none.daysSilent(TODAY)).isNull();
        assertThat(none.favouriteStore()).isNull();

        Rhythm one = rhythm(List.of(sale(TODAY.minusDays(10), "S1", "I1", "C1", "30")));
        assertThat(one.visitDays()).containsExactly(TODAY.minusDays(10));
        assertThat(one.gaps()).isEmpty();
        assertThat(one.daysSilent(TODAY)).isEqualTo(10);
        assertThat(one.favouriteStore()).isEqualTo("S1");
    }

    @Test
    void twoStoresOnOneDayAreOneVisitDayAndGapsAreBetweenDays() {
        Rhythm r = rhythm(List.of(sale(TODAY.minusDays(20), "S1", "I1", "C1", "10"), sale(TODAY.minusDays(20), "S2", "I2", "C1", "10"),
                sale(TODAY.minusDays(14), "S1", "I1", "C1", "10"), sale(TODAY.minusDays(5), "S1", "I1", "C1", "10")));
        assertThat(r.visitDays()).containsExactly(TODAY.minusDays(20), TODAY.minusDays(14), TODAY.minusDays(5));
        assertThat(r.gaps()).containsExactly(6, 9);
    }

    @Test
    void aReturnLowersSpendAndIsNoVisit() {
        LocalDate bought = TODAY.minusDays(30);
        LocalDate returned = TODAY.minusDays(3);
        Rhythm r = rhythm(List.of(sale(bought, "S1", "I1", "spicy", "100"), sale(bought, "S1", "I2", "tea", "40"),
                refund(returned, "S1", "I1", "spicy", "100")));
        assertThat(r.visitDays()).as("the return day is no visit").containsExactly(bought);
        assertThat(r.daysSilent(TODAY)).isEqualTo(30);
        assertThat(r.spendByCategory()).containsEntry("spicy", new BigDecimal("0")).containsEntry("tea", new BigDecimal("40"));
        assertThat(r.spendByStore()).containsEntry("S1", new BigDecimal("40"));
        assertThat(r.topCategories(3)).containsExactly("tea");
        assertThat(r.topItemsByStore().get("S1")).as("the returned item is no longer bought").containsExactly("I2");
    }

    @Test
    void aMemberWhoMovedBelongsToTheNewStoreOnceMostOfTheWindowsVisitsAreThere() {
        List<SaleLine> lines = new ArrayList<>();
        for (int week = 30; week >= 12; week--) lines.add(sale(TODAY.minusWeeks(week), "OLD", "I1", "C1", "20"));
        for (int week = 11; week >= 9; week--) lines.add(sale(TODAY.minusWeeks(week), "NEW", "I9", "C2", "20"));
        // Window of 90 days up to the last visit (9 weeks ago): OLD has weeks 12..21 (10 visits) in it, NEW 3.
        assertThat(rhythm(lines).favouriteStore()).isEqualTo("OLD");
        for (int week = 8; week >= 1; week--) lines.add(sale(TODAY.minusWeeks(week), "NEW", "I9", "C2", "20"));
        // Now the window is weeks 1..13: NEW 11 visits, OLD 2.
        Rhythm moved = rhythm(lines);
        assertThat(moved.favouriteStore()).isEqualTo("NEW");
        assertThat(moved.topItemsByStore().get("NEW")).containsExactly("I9");
        assertThat(moved.spendByStore()).as("90 days up to today: weeks 1..12").containsEntry("NEW", new BigDecimal("220")).containsEntry("OLD", new BigDecimal("20"));
    }

    @Test
    void aTieGoesToTheStoreVisitedLast() {
        List<SaleLine> lines = List.of(sale(TODAY.minusDays(10), "B", "I1", "C1", "5"), sale(TODAY.minusDays(8), "A", "I1", "C1", "5"));
        assertThat(rhythm(lines).favouriteStore()).isEqualTo("A");
    }
}
