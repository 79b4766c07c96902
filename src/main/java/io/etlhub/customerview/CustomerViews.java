package io.etlhub.customerview;

import io.etlhub.connector.RowBatches;
import io.etlhub.crm.CrmCustomerViews;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the customer view from the last good figures in the hub store (cv_*) and the CRM's own facts,
 * writes it to the CRM (crm.CrmCustomerViews) and publishes {@link CustomerFiguresChanged} for alerts newly
 * raised. The line load comes worked out from the hub store (LineLoads); work orders, shipments and the other
 * figures are read a page of customers at a time.
 */
@Component
public class CustomerViews {
    static final List<Figure> SCHEDULE = List.of(Figure.WORK_ORDERS, Figure.LINE_SHIFTS, Figure.HOLIDAYS);
    static final List<Figure> STOCK = List.of(Figure.STOCK, Figure.SAFETY_STOCK, Figure.SHIPMENTS);
    static final List<Figure> CREDIT = List.of(Figure.CREDIT, Figure.RECEIVABLES);
    private static final int CHUNK = 500;

    private final JdbcTemplate hub;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate hubTx;
    private final CrmCustomerViews crm;
    private final CustomerViewSettings settings;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final LineLoads lineLoads;

    CustomerViews(JdbcTemplate hub, TransactionTemplate hubTx, CrmCustomerViews crm, CustomerViewSettings settings, Clock clock,
                  ApplicationEventPublisher events, LineLoads lineLoads) {
        this.lineLoads = lineLoads;
        this.hub = hub;
        this.named = new NamedParameterJdbcTemplate(hub);
        this.hubTx = hubTx;
        this.crm = crm;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
    }

    /** What every customer's figures share: the line load (lines x days, never the work orders), the sources' states. */
    record Snapshot(LocalDateTime now, LineLoad load, List<Map<String, Object>> states) {
        /** The connectors that gave work orders: the index on cv_work_orders starts with the connector. */
        List<String> orderConnectors() {
            return states.stream().filter(r -> Figure.WORK_ORDERS.mappingName.equals(r.get("figure")))
                    .map(r -> (String) r.get("connector")).distinct().toList();
        }
    }

    /** Views built, views written to the CRM (those whose figures differ from the stored row, or all), alerts raised. */
    public record Refreshed(int views, int written, int events) {}

    Snapshot snapshot() {
        return new Snapshot(LocalDateTime.now(clock), lineLoads.current(),
                hub.queryForList("SELECT connector, figure, source_system, as_of, failed_at, error FROM cv_source_state"));
    }

    /** Works the line load out again from the open work orders, after a full refresh of them or a change of the line calendars. */
    void rebuildLineLoad() {
        lineLoads.rebuild();
    }

    /** The line calendars as the hub store has them now (to tell whether a refresh changed them). */
    LineCalendar calendar() {
        return lineLoads.calendar();
    }

    /**
     * Builds the views of these customers (all CRM customers with an ERP code when null, a page of CHUNK at a time)
     * and writes those whose row differs from the CRM's stored one in anything but its as-of and refreshed times
     * (every one when rewriteAll: a full refresh stamps every view's as-of times anew). Memory holds one page of
     * customers with their figures, whatever the number of customers. The snapshot is the run's one (also the one
     * {@link #customersSeeing} compared with).
     */
    Refreshed refresh(Snapshot snap, Collection<String> codes, boolean rewriteAll) {
        int[] done = {0, 0, 0};
        if (codes == null) {
            String after = null;
            List<CrmCustomerViews.Customer> page;
            do {
                page = crm.customersAfter(after, CHUNK);
                write(snap, page, rewriteAll, done);
                if (!page.isEmpty()) after = page.get(page.size() - 1).code();
            } while (page.size() == CHUNK);
        } else {
            for (List<String> chunk : RowBatches.chunks(new ArrayList<>(codes), CHUNK)) write(snap, crm.customers(chunk), rewriteAll, done);
        }
        return new Refreshed(done[0], done[1], done[2]);
    }

    private void write(Snapshot snap, List<CrmCustomerViews.Customer> customers, boolean rewriteAll, int[] done) {
        if (customers.isEmpty()) return;
        List<CustomerFigures> figures = compute(snap, customers);
        Map<String, Map<String, Object>> previous = crm.find(figures.stream().map(CustomerFigures::code).toList());
        List<Map<String, Object>> rows = new ArrayList<>();
        List<CustomerFiguresChanged> changed = new ArrayList<>();
        for (CustomerFigures f : figures) {
            Map<String, Object> row = row(f);
            if (!rewriteAll && ViewRows.same(row, previous.get(f.code()))) continue; // nothing changed materially: no write, no event
            rows.add(row);
            Set<String> before = alerts(previous.get(f.code()));
            List<String> raised = f.alerts().stream().filter(a -> !before.contains(a)).toList();
            if (!raised.isEmpty()) {
                changed.add(new CustomerFiguresChanged(f.code(), raised, f.remainingCredit().remaining(), f.minCoverDays(),
                        f.window().lateRisk().size()));
            }
        }
        crm.upsert(rows);
        done[0] += figures.size();
        done[1] += rows.size();
        if (!changed.isEmpty()) {
            // Published in a hub transaction: Spring Modulith's registry keeps them until every listener has run.
            hubTx.executeWithoutResult(tx -> changed.forEach(events::publishEvent));
            done[2] += changed.size();
        }
    }

    /** One customer's figures as they are now in the hub store; null when the CRM has no customer with this ERP code. */
    public CustomerFigures figures(String code) {
        List<CrmCustomerViews.Customer> c = crm.customers(List.of(code));
        if (c.isEmpty()) return null;
        return compute(snapshot(), c).get(0);
    }

    /** The CRM customers whose figures depend on these changed keys of a figure. */
    Set<String> affectedCustomers(FigureRefresh.Changed changed) {
        Set<String> out = new TreeSet<>();
        switch (changed.figure()) {
            case STOCK, SAFETY_STOCK -> {
                for (List<String> items : RowBatches.chunks(new ArrayList<>(changed.keys()), RowBatches.IN_LIST)) {
                    named.query("SELECT DISTINCT customer_code FROM cv_shipments WHERE item_code IN (:items)",
                            new MapSqlParameterSource("items", items), rs -> { out.add(rs.getString(1)); });
                }
            }
            case SHIPMENTS, CREDIT, RECEIVABLES -> out.addAll(changed.keys());
            // The customers of the orders replaced, before and after (closed or removed ones too); those who see a line
            // load they moved: customersSeeing. A calendar change moves every load: customersWithOrders.
            case WORK_ORDERS -> out.addAll(changed.customers());
            case LINE_SHIFTS, HOLIDAYS -> { }
        }
        return out;
    }

    /** Every customer with open work orders (after the line calendars changed, every line load may have moved). */
    Set<String> customersWithOrders() {
        return new TreeSet<>(hub.queryForList("SELECT DISTINCT customer_code FROM cv_work_orders WHERE customer_code IS NOT NULL", String.class));
    }

    /**
     * The customers whose CRM row shows a line load that differs between the load before these changes and now: the
     * peak-line-load (the highest day load over their lines in their schedule window). The per-line figures and week
     * loads are not stored in the row: the API and console work them out when asked. Customers and their lines are
     * streamed from cv_work_orders grouped per customer and line; only customers with a changed day of one of their
     * lines in their window are worked out twice.
     */
    Set<String> customersSeeing(Snapshot snap, Collection<LineLoads.Change> changes) {
        Set<String> out = new TreeSet<>();
        if (changes.isEmpty()) return out;
        Map<String, java.util.NavigableSet<LocalDate>> days = new HashMap<>();
        Map<String, Map<LocalDate, Double>> was = new HashMap<>();
        for (LineLoads.Change c : changes) {
            days.computeIfAbsent(c.line(), k -> new TreeSet<>()).add(c.day());
            was.computeIfAbsent(c.line(), k -> new HashMap<>()).putIfAbsent(c.day(), c.before()); // the first change of a day has its before
        }
        LineLoad now = snap.load(), before = now.with(was);
        List<String> connectors = snap.orderConnectors();
        if (connectors.isEmpty()) return out;
        CustomerLines current = new CustomerLines();
        lineLoads.streaming().query("SELECT customer_code, line_code, MIN(planned_start), MAX(planned_end) FROM cv_work_orders "
                + "WHERE connector IN (" + RowBatches.marks(connectors.size()) + ") AND customer_code IS NOT NULL "
                + "GROUP BY customer_code, line_code ORDER BY customer_code", rs -> {
            if (!rs.getString(1).equals(current.customer)) {
                if (current.moved(days, before, now)) out.add(current.customer);
                current.start(rs.getString(1));
            }
            current.add(rs.getString(2), Times.of(rs.getTimestamp(3)), Times.of(rs.getTimestamp(4)));
        }, connectors.toArray());
        if (current.moved(days, before, now)) out.add(current.customer);
        return out;
    }

    /** One customer's lines and schedule window, as the grouped rows of its work orders come in. */
    private static final class CustomerLines {
        String customer;
        final Set<String> lines = new HashSet<>();
        LocalDateTime start, end;

        void start(String code) {
            customer = code;
            lines.clear();
            start = null;
            end = null;
        }

        void add(String line, LocalDateTime min, LocalDateTime max) {
            if (line != null) lines.add(line);
            if (min != null && (start == null || min.isBefore(start))) start = min;
            if (max != null && (end == null || max.isAfter(end))) end = max;
        }

        /**
         * Whether the line load the CRM row shows (peak-line-load: the highest day load over the customer's lines in
         * their window, CustomerFigures.peakLineLoad) differs between the two loads; no line figures without a window.
         */
        boolean moved(Map<String, java.util.NavigableSet<LocalDate>> changedDays, LineLoad before, LineLoad now) {
            if (customer == null || start == null || end == null) return false;
            LocalDate from = start.toLocalDate(), to = end.toLocalDate();
            boolean touched = false;
            for (String line : lines) {
                java.util.NavigableSet<LocalDate> d = changedDays.get(line);
                touched |= d != null && !d.subSet(from, true, to, true).isEmpty();
            }
            return touched && !java.util.Objects.equals(peak(before, from, to), peak(now, from, to));
        }

        private Double peak(LineLoad load, LocalDate from, LocalDate to) {
            Double max = null;
            for (String line : lines) {
                Double p = load.peakLoad(line, from, to);
                if (p != null && (max == null || p > max)) max = p;
            }
            return max;
        }
    }

    List<CustomerFigures> compute(Snapshot snap, List<CrmCustomerViews.Customer> customers) {
        // The hub keeps codes by SourceKeys (trimmed, upper case): a CRM code 'c001 ' finds the ERP's 'C001'.
        List<String> codes = customers.stream().map(c -> SourceKeys.normal(c.code())).filter(java.util.Objects::nonNull).distinct().toList();
        if (codes.isEmpty()) codes = List.of("");
        MapSqlParameterSource p = new MapSqlParameterSource("codes", codes);
        Map<String, List<Object[]>> shipments = new HashMap<>();
        Set<String> items = new HashSet<>();
        named.query("SELECT connector, customer_code, item_code, quantity, amount FROM cv_shipments WHERE customer_code IN (:codes)", p, rs -> {
            shipments.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                    .add(new Object[] {rs.getString(1), rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(5)});
            items.add(rs.getString(3));
        });
        Map<String, List<WorkOrder>> ordersByCustomer = new HashMap<>();
        Map<String, String> orderConnector = new HashMap<>();
        List<String> orderConnectors = snap.orderConnectors();
        if (!orderConnectors.isEmpty()) {
            named.query(ORDER_COLUMNS + " WHERE connector IN (:connectors) AND customer_code IN (:codes)",
                    new MapSqlParameterSource(p.getValues()).addValue("connectors", orderConnectors), rs -> {
                        WorkOrder o = workOrder(rs);
                        ordersByCustomer.computeIfAbsent(o.customer(), k -> new ArrayList<>()).add(o);
                        orderConnector.put(o.id(), rs.getString(11));
                    });
        }
        Map<String, BigDecimal> stock = itemValues("cv_stock", "available", items);
        Map<String, BigDecimal> safety = itemValues("cv_safety_stock", "safety", items);
        Map<String, Map<String, BigDecimal>> creditLines = customerValues("cv_credit", "credit_line", p);
        Map<String, Map<String, BigDecimal>> receivables = customerValues("cv_receivables", "balance", p);
        LocalDate today = snap.now().toLocalDate();
        Map<Long, CrmCustomerViews.Facts> facts = crm.facts(customers.stream().map(CrmCustomerViews.Customer::id).toList(),
                settings.negotiationStages(), today.minusMonths(settings.health().receiptMonths()), today);
        List<CustomerFigures> out = new ArrayList<>();
        for (CrmCustomerViews.Customer c : customers) {
            String key = SourceKeys.normal(c.code());
            // Schedule
            List<WorkOrder> orders = ordersByCustomer.getOrDefault(key, List.of());
            ScheduleWindow window = ScheduleWindow.of(orders, orders.stream().map(WorkOrder::state).toList());
            Map<String, CustomerFigures.LineFigures> lines = new TreeMap<>();
            if (!window.empty() && window.start() != null && window.end() != null) {
                for (String line : orders.stream().map(WorkOrder::line).filter(java.util.Objects::nonNull).distinct().toList()) {
                    lines.put(line, new CustomerFigures.LineFigures(
                            snap.load().peakLoad(line, window.start().toLocalDate(), window.end().toLocalDate()),
                            snap.load().weekLoad(line, window.start().toLocalDate())));
                }
            }
            Set<String> scheduleConnectors = new HashSet<>();
            orders.forEach(o -> scheduleConnectors.add(orderConnector.get(o.id())));
            // Stock
            List<StockCover> covers = new ArrayList<>();
            Set<String> stockConnectors = new HashSet<>();
            for (Object[] s : shipments.getOrDefault(key, List.of())) {
                String connector = (String) s[0], item = (String) s[1];
                stockConnectors.add(connector);
                covers.add(new StockCover(system(snap, connector), item, stock.get(connector + "\u0000" + item),
                        safety.get(connector + "\u0000" + item), (BigDecimal) s[2], settings.shipmentWindowDays(), (BigDecimal) s[3]));
            }
            covers.sort(java.util.Comparator.comparing(StockCover::item));
            // Credit
            Map<String, BigDecimal> lineBy = creditLines.getOrDefault(key, Map.of());
            Map<String, BigDecimal> arBy = receivables.getOrDefault(key, Map.of());
            Set<String> creditConnectors = new HashSet<>(lineBy.keySet());
            creditConnectors.addAll(arBy.keySet());
            CrmCustomerViews.Facts f = facts.getOrDefault(c.id(), CrmCustomerViews.Facts.NONE);
            // No credit line in any ERP (no row, or NULL): unknown, never a credit line of 0.
            BigDecimal creditLine = lineBy.values().stream().allMatch(java.util.Objects::isNull) ? null : sum(lineBy.values());
            RemainingCredit credit = new RemainingCredit(creditLine, sum(arBy.values()),
                    f.pipeline() == null ? BigDecimal.ZERO : f.pipeline());
            HealthScore health = HealthScore.of(settings.health(), today, f.lastInteraction(), f.contractEnd(), f.received(), f.due());
            CustomerFigures figures = new CustomerFigures(c.code(), c.name(), snap.now(),
                    group(snap, SCHEDULE, scheduleConnectors), window, lines,
                    group(snap, STOCK, stockConnectors), covers,
                    group(snap, CREDIT, creditConnectors), credit, health, List.of());
            out.add(withAlerts(figures, creditLine == null));
        }
        return out;
    }

    private CustomerFigures withAlerts(CustomerFigures f, boolean noCreditLine) {
        List<String> alerts = new ArrayList<>();
        if (!noCreditLine && f.remainingCredit().remaining().compareTo(settings.creditAlertBelow()) < 0) alerts.add("CREDIT_LOW");
        BigDecimal min = f.minCoverDays();
        if (min != null && min.compareTo(BigDecimal.valueOf(settings.coverAlertDays())) < 0) alerts.add("COVER_SHORT");
        if (!f.window().lateRisk().isEmpty()) alerts.add("LATE_RISK");
        return new CustomerFigures(f.code(), f.name(), f.computedAt(), f.schedule(), f.window(), f.lines(), f.stock(), f.items(),
                f.credit(), f.remainingCredit(), f.health(), List.copyOf(alerts));
    }

    /** A group's source and freshness over the connectors that gave this customer figures (all of the group's when none did). */
    private static CustomerFigures.Group group(Snapshot snap, List<Figure> figures, Set<String> connectors) {
        Set<String> names = new HashSet<>();
        figures.forEach(f -> names.add(f.mappingName));
        List<Map<String, Object>> rows = snap.states().stream().filter(r -> names.contains((String) r.get("figure"))).toList();
        List<Map<String, Object>> mine = rows.stream().filter(r -> connectors.contains((String) r.get("connector"))).toList();
        if (!mine.isEmpty()) rows = mine;
        if (rows.isEmpty()) return new CustomerFigures.Group(null, null, false, null, null);
        Set<String> systems = new TreeSet<>();
        LocalDateTime asOf = null;
        boolean stale = false;
        String error = null;
        for (Map<String, Object> r : rows) {
            if (r.get("source_system") != null) systems.add((String) r.get("source_system"));
            LocalDateTime a = Times.of(r.get("as_of"));
            LocalDateTime failed = Times.of(r.get("failed_at"));
            if (a != null && (asOf == null || a.isBefore(asOf))) asOf = a;
            if (failed != null && (a == null || failed.isAfter(a))) {
                stale = true;
                if (error == null) error = (String) r.get("error");
            }
        }
        Long age = asOf == null ? null : Duration.between(asOf, snap.now()).toMinutes();
        return new CustomerFigures.Group(String.join(",", systems), asOf, stale, age, error);
    }

    private static String system(Snapshot snap, String connector) {
        return snap.states().stream().filter(r -> connector.equals(r.get("connector")) && r.get("source_system") != null)
                .map(r -> (String) r.get("source_system")).findFirst().orElse(connector);
    }

    private static final String ORDER_COLUMNS = "SELECT order_id, customer_code, customer_ref, item_code, line_code, planned_start, "
            + "planned_end, quantity, state, promised_date, connector FROM cv_work_orders";

    private static WorkOrder workOrder(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp s = rs.getTimestamp(6), e = rs.getTimestamp(7);
        java.sql.Date p = rs.getDate(10);
        return new WorkOrder(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                s == null ? null : s.toLocalDateTime(), e == null ? null : e.toLocalDateTime(), rs.getBigDecimal(8), rs.getString(9),
                p == null ? null : p.toLocalDate());
    }

    private Map<String, BigDecimal> itemValues(String table, String column, Set<String> items) {
        Map<String, BigDecimal> out = new HashMap<>();
        List<String> list = new ArrayList<>(items);
        for (int i = 0; i < list.size(); i += 1000) {
            named.query("SELECT connector, item_code, " + column + " FROM " + table + " WHERE item_code IN (:items)",
                    new MapSqlParameterSource("items", list.subList(i, Math.min(list.size(), i + 1000))),
                    rs -> { out.put(rs.getString(1) + "\u0000" + rs.getString(2), rs.getBigDecimal(3)); });
        }
        return out;
    }

    private Map<String, Map<String, BigDecimal>> customerValues(String table, String column, MapSqlParameterSource p) {
        Map<String, Map<String, BigDecimal>> out = new HashMap<>();
        named.query("SELECT connector, customer_code, " + column + " FROM " + table + " WHERE customer_code IN (:codes)", p,
                rs -> { out.computeIfAbsent(rs.getString(2), k -> new LinkedHashMap<>()).put(rs.getString(1), rs.getBigDecimal(3)); });
        return out;
    }

    private static BigDecimal sum(Collection<BigDecimal> values) {
        return values.stream().filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Set<String> alerts(Map<String, Object> row) {
        Object a = row == null ? null : row.get("alerts");
        return a == null || a.toString().isBlank() ? Set.of() : Set.of(a.toString().split(","));
    }

    /** The CRM row, by the logical names of mappings/crm.yml table customer-view. */
    private static Map<String, Object> row(CustomerFigures f) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("customer-code", f.code());
        r.put("schedule-start", ts(f.window().start()));
        r.put("schedule-end", ts(f.window().end()));
        r.put("open-orders", f.window().orders().size());
        r.put("late-risk-orders", f.window().lateRisk().size());
        Double peak = f.peakLineLoad();
        r.put("peak-line-load", peak == null ? null : BigDecimal.valueOf(peak).setScale(4, RoundingMode.HALF_UP));
        putGroup(r, "schedule", f.schedule());
        r.put("min-cover-days", f.minCoverDays());
        r.put("cover-item", f.coverItem());
        r.put("below-safety-items", f.belowSafetyItems());
        putGroup(r, "stock", f.stock());
        r.put("credit-line", money(f.remainingCredit().creditLine()));
        r.put("open-receivables", money(f.remainingCredit().openReceivables()));
        r.put("pipeline-amount", money(f.remainingCredit().pipeline()));
        r.put("remaining-credit", money(f.remainingCredit().remaining()));
        putGroup(r, "credit", f.credit());
        r.put("health-score", f.health().score());
        r.put("health-breakdown", f.health().breakdownText());
        r.put("alerts", String.join(",", f.alerts()));
        r.put("refreshed-at", ts(f.computedAt()));
        return r;
    }

    private static void putGroup(Map<String, Object> r, String name, CustomerFigures.Group g) {
        r.put(name + "-source", g.source());
        r.put(name + "-as-of", ts(g.asOf()));
        r.put(name + "-stale", g.stale() ? 1 : 0);
    }

    private static BigDecimal money(BigDecimal v) { return v == null ? null : v.setScale(2, RoundingMode.HALF_UP); }

    private static Timestamp ts(LocalDateTime t) { return t == null ? null : Timestamp.valueOf(t); }

    /** The quote check for one customer: stock now, else the earliest build window, then credit. Null for an unknown customer. */
    public QuoteCheck.Answer quote(String code, String item, BigDecimal qty, LocalDate wanted, BigDecimal amount) {
        List<CrmCustomerViews.Customer> c = crm.customers(List.of(code));
        if (c.isEmpty()) return null;
        Snapshot snap = snapshot();
        CustomerFigures f = compute(snap, c).get(0);
        String itemKey = SourceKeys.normal(item);
        StockCover cover = f.items().stream().filter(i -> i.item().equals(itemKey)).findFirst().orElse(null);
        BigDecimal available = cover != null ? cover.available() : anyStock(itemKey);
        BigDecimal price = cover == null ? null : cover.unitPrice();
        BigDecimal value = amount != null ? amount : price == null ? null : price.multiply(qty).setScale(2, RoundingMode.HALF_UP);
        BigDecimal remaining = f.credit().source() == null ? null : f.remainingCredit().remaining();
        List<WorkOrder> ofItem = hub.query(ORDER_COLUMNS + " WHERE item_code = ?", (rs, n) -> workOrder(rs), itemKey);
        return QuoteCheck.check(item, qty, wanted, snap.now().toLocalDate(), available, rates(snap.load().calendar(), ofItem, itemKey), snap.load(),
                settings.planningHorizonDays(), value, remaining);
    }

    private BigDecimal anyStock(String item) {
        List<BigDecimal> v = hub.queryForList("SELECT available FROM cv_stock WHERE item_code = ?", BigDecimal.class, item);
        return v.isEmpty() ? null : sum(v);
    }

    /** Units per hour each line built the item at: quantity / hours inside the line's shifts, over its orders of the item. */
    static List<QuoteCheck.LineRate> rates(LineCalendar cal, List<WorkOrder> orders, String item) {
        Map<String, double[]> byLine = new TreeMap<>();
        for (WorkOrder o : orders) {
            if (!item.equals(o.item()) || o.line() == null || o.quantity() == null || o.plannedStart() == null || o.plannedEnd() == null) continue;
            double hours = 0;
            for (LocalDate d = o.plannedStart().toLocalDate().minusDays(1); !d.isAfter(o.plannedEnd().toLocalDate()); d = d.plusDays(1)) {
                for (LocalDateTime[] w : cal.windows(o.line(), d)) hours += LineLoad.overlapHours(o.plannedStart(), o.plannedEnd(), w[0], w[1]);
            }
            if (hours <= 0) continue;
            double[] acc = byLine.computeIfAbsent(o.line(), k -> new double[2]);
            acc[0] += o.quantity().doubleValue();
            acc[1] += hours;
        }
        List<QuoteCheck.LineRate> out = new ArrayList<>();
        byLine.forEach((line, acc) -> out.add(new QuoteCheck.LineRate(line, acc[0] / acc[1])));
        return out;
    }
}
