package io.etlhub.customerview;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Customer health from what the hub has: recency of the last interaction (quiet over quietDays = 0,
 * over recentDays = quietPoints, else recentPoints) + contractPoints when the contract ends within
 * contractMonths + receiptPoints x receipt achievement of the last receiptMonths (received / due,
 * capped at 1). The breakdown is kept beside the score.
 */
public record HealthScore(int score, Map<String, Integer> breakdown, BigDecimal receiptAchievement) {

    public static HealthScore of(CustomerViewSettings.Health h, LocalDate today, LocalDate lastInteraction,
                                 LocalDate contractEnd, BigDecimal received, BigDecimal due) {
        Map<String, Integer> parts = new LinkedHashMap<>();
        int recency = 0;
        if (lastInteraction != null) {
            long days = ChronoUnit.DAYS.between(lastInteraction, today);
            recency = days > h.quietDays() ? 0 : days > h.recentDays() ? h.quietPoints() : h.recentPoints();
        }
        parts.put("recency", recency);
        boolean ending = contractEnd != null && !contractEnd.isBefore(today) && contractEnd.isBefore(today.plusMonths(h.contractMonths()));
        parts.put("contract", ending ? h.contractPoints() : 0);
        BigDecimal achievement = null;
        int receipts = 0;
        if (due != null && due.signum() > 0) {
            achievement = (received == null ? BigDecimal.ZERO : received).divide(due, 4, RoundingMode.HALF_UP).min(BigDecimal.ONE);
            receipts = achievement.multiply(BigDecimal.valueOf(h.receiptPoints())).setScale(0, RoundingMode.HALF_UP).intValue();
        }
        parts.put("receipts", receipts);
        return new HealthScore(parts.values().stream().mapToInt(Integer::intValue).sum(), parts, achievement);
    }

    /** "recency=30,contract=20,receipts=36" for the CRM column. */
    public String breakdownText() {
        StringBuilder sb = new StringBuilder();
        breakdown.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }
}
