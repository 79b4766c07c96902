package io.etlhub.customerview;

import java.util.List;

/**
 * The figures a customer-view mapping can name (mappings/*-customer-view.yml, mappings/mes-*.yml), each
 * with the hub's fields (keys first) and the hub-store table that keeps the last good rows. Summed
 * figures get GROUP BY over their keys; the others must give one row per key.
 */
enum Figure {
    STOCK("stock", "cv_stock", true, List.of(f("item", "item_code", Type.TEXT)), List.of(f("available", "available", Type.DECIMAL))),
    SAFETY_STOCK("safety-stock", "cv_safety_stock", true, List.of(f("item", "item_code", Type.TEXT)), List.of(f("safety", "safety", Type.DECIMAL))),
    SHIPMENTS("shipments", "cv_shipments", true,
            List.of(f("customer", "customer_code", Type.TEXT), f("item", "item_code", Type.TEXT)),
            List.of(f("quantity", "quantity", Type.DECIMAL), f("amount", "amount", Type.DECIMAL))),
    CREDIT("credit", "cv_credit", true, List.of(f("customer", "customer_code", Type.TEXT)), List.of(f("credit-line", "credit_line", Type.DECIMAL))),
    RECEIVABLES("receivables", "cv_receivables", true, List.of(f("customer", "customer_code", Type.TEXT)), List.of(f("balance", "balance", Type.DECIMAL))),
    WORK_ORDERS("work-orders", "cv_work_orders", false, List.of(f("order", "order_id", Type.TEXT)), List.of(
            f("customer", "customer_code", Type.TEXT), f("customer-ref", "customer_ref", Type.TEXT), f("item", "item_code", Type.TEXT),
            f("line", "line_code", Type.TEXT), f("planned-start", "planned_start", Type.DATETIME), f("planned-end", "planned_end", Type.DATETIME),
            f("quantity", "quantity", Type.DECIMAL), f("state", "state", Type.TEXT), f("promised-date", "promised_date", Type.DATE))),
    LINE_SHIFTS("line-shifts", "cv_line_shifts", false, List.of(f("line", "line_code", Type.TEXT), f("shift", "shift_name", Type.TEXT)),
            List.of(f("start-time", "start_time", Type.TIME), f("end-time", "end_time", Type.TIME))),
    HOLIDAYS("holidays", "cv_holidays", false, List.of(f("date", "holiday_date", Type.DATE)), List.of());

    enum Type { TEXT, DECIMAL, DATETIME, DATE, TIME }

    record Field(String name, String column, Type type) {}

    final String mappingName;
    final String table;
    final boolean summed;
    final List<Field> keys;
    final List<Field> values;

    Figure(String mappingName, String table, boolean summed, List<Field> keys, List<Field> values) {
        this.mappingName = mappingName;
        this.table = table;
        this.summed = summed;
        this.keys = keys;
        this.values = values;
    }

    private static Field f(String name, String column, Type type) { return new Field(name, column, type); }

    List<Field> fields() {
        List<Field> all = new java.util.ArrayList<>(keys);
        all.addAll(values);
        return all;
    }

    /** The key or value of this name; null when the figure has none. */
    Field field(String name) {
        return fields().stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    boolean hasField(String name) { return field(name) != null; }

    /** A customer's rows that occupy a line from a planned start to a planned end (work orders): they make the line load. */
    boolean occupiesLines() { return hasField("customer") && hasField("line") && hasField("planned-start") && hasField("planned-end"); }

    static Figure byMappingName(String name) {
        for (Figure f : values()) if (f.mappingName.equals(name)) return f;
        throw new IllegalArgumentException("unknown figure '" + name + "' (known: stock, safety-stock, shipments, credit, "
                + "receivables, work-orders, line-shifts, holidays)");
    }
}
