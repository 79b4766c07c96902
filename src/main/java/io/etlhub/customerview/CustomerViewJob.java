package io.etlhub.customerview;

import io.etlhub.connector.MappingCatalog;
import io.etlhub.crm.Crm;
import io.etlhub.connector.TableNeed;
import io.etlhub.pipeline.RouteDefinition;
import io.etlhub.pipeline.RouteJob;
import io.etlhub.pipeline.RunContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Route kind {@code customer-view}: refreshes the figures of one source (source connector, sourceMapping
 * = a customer-view mapping) into the hub store, changed rows only unless the run's parameter full=true
 * (or the last full refresh is older than etlhub.customer-view.full-refresh-hours), then rebuilds the
 * CRM view of the customers those changes touch. A figure the source cannot give keeps its last good
 * rows: the view is rebuilt with that group marked stale, and the run fails naming the connector and figure.
 */
@Component
@EnableConfigurationProperties(CustomerViewSettings.class)
class CustomerViewJob implements RouteJob {
    private static final Logger log = LoggerFactory.getLogger(CustomerViewJob.class);

    private final MappingCatalog mappings;
    private final FigureRefresh refresh;
    private final CustomerViews views;
    private final Crm crm;

    CustomerViewJob(MappingCatalog mappings, FigureRefresh refresh, CustomerViews views, Crm crm) {
        this.crm = crm;
        this.mappings = mappings;
        this.refresh = refresh;
        this.views = views;
    }

    @Override
    public String kind() { return "customer-view"; }

    @Override
    public List<String> counters() { return List.of("rows-read", "rows-skipped", "rows-noted", "customers-touched", "views-written", "alerts-raised",
            "figures-failed"); }

    @Override
    public void validate(RouteDefinition route) {
        mapping(route);
    }

    /** The source's tables, read only, and the CRM's customer view, replaced row by row (DELETE + INSERT). */
    @Override
    public List<TableNeed> tablesNeeded(RouteDefinition route) {
        List<TableNeed> needs = new ArrayList<>(mapping(route).tablesNeeded(route.source().connector()));
        needs.add(TableNeed.of(crm.connector(), crm.table("customer-view"), "SELECT", "INSERT", "DELETE"));
        return needs;
    }

    private CustomerViewMapping mapping(RouteDefinition route) {
        if (route.source() == null || route.source().connector() == null || route.source().mapping() == null) {
            throw new IllegalArgumentException("route " + route.id() + ": the customer-view step needs source and sourceMapping");
        }
        CustomerViewMapping m = mappings.read(route.source().mapping(), CustomerViewMapping.class);
        m.validate(route.source().mapping());
        return m;
    }

    /** Notes the seconds a phase took since the given time, for the run's log line; returns now. */
    private static long timed(List<String> phases, String phase, long since) {
        long now = System.nanoTime();
        phases.add(String.format(java.util.Locale.ROOT, "%s %.2f s", phase, (now - since) / 1e9));
        return now;
    }

    @Override
    public void run(RouteDefinition route, RunContext context) throws Exception {
        CustomerViewMapping mapping = mapping(route);
        String connector = route.source().connector();
        boolean full = "true".equalsIgnoreCase(context.parameter("full"));
        boolean everyone = false;
        boolean rewriteAll = false;
        boolean rebuildLoad = false;
        boolean schedule = mapping.byFigure().keySet().stream().anyMatch(CustomerViews.SCHEDULE::contains);
        LineCalendar calendarBefore = schedule ? views.calendar() : null;
        List<LineLoads.Change> loadChanges = new ArrayList<>();
        Set<String> customers = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        List<String> phases = new ArrayList<>(); // where a refresh spends its time, for the log
        List<String> rowWarnings = new ArrayList<>(); // source rows skipped or kept with a note, named (RowWarnings)
        long t = System.nanoTime();
        for (Map.Entry<Figure, CustomerViewMapping.FigureQuery> e : mapping.byFigure().entrySet()) {
            try {
                FigureRefresh.Changed changed = refresh.refresh(connector, mapping, e.getKey(), e.getValue(), full);
                context.count("rows-read", changed.rows());
                context.count("rows-skipped", changed.warnings().skipped());
                context.count("rows-noted", changed.warnings().noted());
                rowWarnings.addAll(changed.warnings().texts());
                loadChanges.addAll(changed.loadChanges());
                rebuildLoad |= changed.loadRebuild();
                if (changed.all()) {
                    everyone = true;
                    rewriteAll = true; // a full refresh stamps every view's as-of times anew
                    rebuildLoad |= CustomerViews.SCHEDULE.contains(e.getKey()); // work orders, shifts or holidays
                } else if (changed.recovered()) {
                    everyone = true; // the views showing this source stale are shown fresh again
                } else if (!changed.keys().isEmpty()) {
                    customers.addAll(views.affectedCustomers(changed));
                }
            } catch (RuntimeException ex) {
                log.warn("customer view: connector {} figure {} not refreshed, last good values kept: {}", connector, e.getKey().mappingName,
                        ex.getMessage());
                failures.add(e.getKey().mappingName + ": " + ex.getMessage());
                context.count("figures-failed", 1);
                everyone = true; // every view that shows this source is marked stale
                rebuildLoad |= CustomerViews.SCHEDULE.contains(e.getKey()); // whatever part of it was written before the failure
            } finally {
                t = timed(phases, e.getKey().mappingName, t);
            }
        }
        // Work orders read again by key moved the load of their days already (FigureRefresh, same transaction);
        // a full refresh, many orders read again, a failure half-way, or new shifts or holidays: all of it again.
        boolean wholeLoad = schedule && (rebuildLoad || !calendarBefore.equals(views.calendar()));
        if (wholeLoad) views.rebuildLineLoad();
        // One snapshot a run, of the load as it now stands: the customers it moved are found and their views built from it.
        CustomerViews.Snapshot snap = views.snapshot();
        if (wholeLoad && !everyone) customers.addAll(views.customersWithOrders());
        else if (schedule && !everyone) customers.addAll(views.customersSeeing(snap, loadChanges));
        t = timed(phases, "line load", t);
        CustomerViews.Refreshed done = views.refresh(snap, everyone ? null : customers, rewriteAll);
        timed(phases, "views", t);
        log.info("customer view: route {}{}: {}; {} views built, {} written", route.id(), full ? " (full)" : "",
                String.join(", ", phases), done.views(), done.written());
        context.set("customers-touched", done.views());
        context.set("views-written", done.written());
        context.set("alerts-raised", done.events());
        if (!rowWarnings.isEmpty()) context.output("warnings", List.copyOf(rowWarnings));
        if (!failures.isEmpty()) {
            throw new IllegalStateException("connector " + connector + " (" + route.source().mapping() + "): " + failures.size()
                    + " figure(s) not refreshed, the view keeps their last good values marked stale: " + String.join("; ", failures));
        }
    }
}
