package io.etlhub.customerview;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** A MES work order as the hub keeps it (ISA-95 OperationsRequest / B2MML JobOrder terms). */
public record WorkOrder(String id, String customer, String customerRef, String item, String line,
                        LocalDateTime plannedStart, LocalDateTime plannedEnd, BigDecimal quantity, String state,
                        LocalDate promisedDate) {

    /** Late risk: the planned end falls after the day promised to the customer. */
    @com.fasterxml.jackson.annotation.JsonProperty
    public boolean lateRisk() {
        return promisedDate != null && plannedEnd != null && plannedEnd.toLocalDate().isAfter(promisedDate);
    }
}
