package io.etlhub.customerview;

import java.math.BigDecimal;
import java.util.List;

/**
 * Application event: a customer's figures changed materially; alerts newly raised since the last refresh:
 * CREDIT_LOW (remaining credit under etlhub.customer-view.credit-alert-below), COVER_SHORT (an item the
 * customer buys has less than cover-alert-days of cover), LATE_RISK (an open work order ends after its promised date).
 */
public record CustomerFiguresChanged(String customerCode, List<String> alerts, BigDecimal remainingCredit,
                                     BigDecimal minCoverDays, int lateRiskOrders) {}
