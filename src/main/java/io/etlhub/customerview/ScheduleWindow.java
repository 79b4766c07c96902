package io.etlhub.customerview;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;

/** The customer's schedule window: earliest planned start to latest planned end of their open work orders. */
public record ScheduleWindow(LocalDateTime start, LocalDateTime end, List<WorkOrder> orders, List<WorkOrder> lateRisk) {

    public static ScheduleWindow of(List<WorkOrder> customerOrders, Collection<String> openStates) {
        List<WorkOrder> open = customerOrders.stream().filter(o -> openStates.contains(o.state())).toList();
        LocalDateTime start = open.stream().map(WorkOrder::plannedStart).filter(java.util.Objects::nonNull)
                .min(LocalDateTime::compareTo).orElse(null);
        LocalDateTime end = open.stream().map(WorkOrder::plannedEnd).filter(java.util.Objects::nonNull)
                .max(LocalDateTime::compareTo).orElse(null);
        return new ScheduleWindow(start, end, open, open.stream().filter(WorkOrder::lateRisk).toList());
    }

    public boolean empty() { return orders.isEmpty(); }
}
