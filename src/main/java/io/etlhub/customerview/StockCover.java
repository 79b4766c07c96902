package io.etlhub.customerview;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Stock cover of one item the customer buys: days of cover = available / average daily shipments
 * over the last N days (null when nothing was shipped), and whether the stock is below safety stock.
 */
public record StockCover(String source, String item, BigDecimal available, BigDecimal safety, BigDecimal shipped,
                         int windowDays, BigDecimal shippedAmount) {

    @com.fasterxml.jackson.annotation.JsonProperty
    public BigDecimal averageDaily() {
        if (shipped == null || windowDays <= 0) return BigDecimal.ZERO;
        return shipped.divide(BigDecimal.valueOf(windowDays), 6, RoundingMode.HALF_UP);
    }

    @com.fasterxml.jackson.annotation.JsonProperty
    public BigDecimal daysOfCover() {
        BigDecimal daily = averageDaily();
        if (daily.signum() <= 0 || available == null) return null;
        if (available.signum() < 0) return BigDecimal.ZERO.setScale(1); // oversold (negative stock allowed in U8): no cover
        return available.divide(daily, 1, RoundingMode.HALF_UP);
    }

    @com.fasterxml.jackson.annotation.JsonProperty
    public boolean belowSafety() {
        return safety != null && safety.signum() > 0 && available != null && available.compareTo(safety) < 0;
    }

    /** Average price of the customer's recent shipments of the item (null without amounts). */
    @com.fasterxml.jackson.annotation.JsonProperty
    public BigDecimal unitPrice() {
        if (shippedAmount == null || shipped == null || shipped.signum() <= 0) return null;
        return shippedAmount.divide(shipped, 4, RoundingMode.HALF_UP);
    }
}
