package io.etlhub.customerview;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/** Everything the view shows of one customer, each group with its source system(s), as-of time and staleness. */
public record CustomerFigures(String code, String name, LocalDateTime computedAt,
                              Group schedule, ScheduleWindow window, Map<String, LineFigures> lines,
                              Group stock, List<StockCover> items,
                              Group credit, RemainingCredit remainingCredit,
                              HealthScore health, List<String> alerts) {

    /** Where a group of figures comes from and how old it is; stale = its last refresh failed, the values are the last good ones. */
    public record Group(String source, LocalDateTime asOf, boolean stale, Long ageMinutes, String error) {
        static Group errorAs(Group g, java.util.function.UnaryOperator<String> shown) {
            return g == null || g.error == null ? g : new Group(g.source, g.asOf, g.stale, g.ageMinutes, shown.apply(g.error));
        }
    }

    /**
     * The same figures with each group's refresh error as the caller may read it (pipeline.ErrorTexts: the stored error
     * names the connector's SQL or files; finance and ops get no SQL text or server path).
     */
    public CustomerFigures errorsAs(java.util.function.UnaryOperator<String> shown) {
        return new CustomerFigures(code, name, computedAt, Group.errorAs(schedule, shown), window, lines, Group.errorAs(stock, shown),
                items, Group.errorAs(credit, shown), remainingCredit, health, alerts);
    }

    /** A line the customer's open orders use: its peak day load in the customer's window and the week load of the window's start. */
    public record LineFigures(Double peakDayLoad, Double weekLoad) {}

    @com.fasterxml.jackson.annotation.JsonProperty
    public BigDecimal minCoverDays() {
        return items.stream().map(StockCover::daysOfCover).filter(java.util.Objects::nonNull).min(BigDecimal::compareTo).orElse(null);
    }

    @com.fasterxml.jackson.annotation.JsonProperty
    public String coverItem() {
        BigDecimal min = minCoverDays();
        return min == null ? null : items.stream().filter(i -> min.equals(i.daysOfCover())).map(StockCover::item).findFirst().orElse(null);
    }

    @com.fasterxml.jackson.annotation.JsonProperty
    public int belowSafetyItems() {
        return (int) items.stream().filter(StockCover::belowSafety).count();
    }

    @com.fasterxml.jackson.annotation.JsonProperty
    public Double peakLineLoad() {
        return lines.values().stream().map(LineFigures::peakDayLoad).filter(java.util.Objects::nonNull).max(Double::compare).orElse(null);
    }
}
