package io.etlhub.customerview;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.util.List;

/**
 * etlhub.customer-view.*: the windows, thresholds and health-score weights of the customer view
 * (docs/customer-view.md). Defaults are the issue's.
 */
@ConfigurationProperties(prefix = "etlhub.customer-view")
public record CustomerViewSettings(
        Integer shipmentWindowDays,
        Integer coverAlertDays,
        BigDecimal creditAlertBelow,
        List<String> negotiationStages,
        List<String> openWorkOrderStates,
        Integer planningHorizonDays,
        Integer fullRefreshHours,
        Health health) {

    public record Health(Integer recentDays, Integer quietDays, Integer recentPoints, Integer quietPoints,
                         Integer contractMonths, Integer contractPoints, Integer receiptPoints, Integer receiptMonths) {
        public Health {
            recentDays = or(recentDays, 15);
            quietDays = or(quietDays, 30);
            recentPoints = or(recentPoints, 60);
            quietPoints = or(quietPoints, 30);
            contractMonths = or(contractMonths, 3);
            contractPoints = or(contractPoints, 20);
            receiptPoints = or(receiptPoints, 40);
            receiptMonths = or(receiptMonths, 3);
        }
    }

    public CustomerViewSettings {
        shipmentWindowDays = or(shipmentWindowDays, 90);
        coverAlertDays = or(coverAlertDays, 7);
        creditAlertBelow = creditAlertBelow == null ? BigDecimal.ZERO : creditAlertBelow;
        negotiationStages = negotiationStages == null ? List.of("谈判", "批量报价") : negotiationStages;
        openWorkOrderStates = openWorkOrderStates == null ? List.of() : openWorkOrderStates;
        planningHorizonDays = or(planningHorizonDays, 60);
        fullRefreshHours = or(fullRefreshHours, 24);
        health = health == null ? new Health(null, null, null, null, null, null, null, null) : health;
    }

    private static Integer or(Integer v, int fallback) { return v == null ? fallback : v; }

    public static CustomerViewSettings defaults() {
        return new CustomerViewSettings(null, null, null, null, null, null, null, null);
    }
}
