package io.etlhub.notification;

import io.etlhub.connector.webhook.MessageTemplates;
import io.etlhub.connector.webhook.NotifyEndpoint;
import io.etlhub.pipeline.ErrorTexts;
import io.etlhub.pipeline.RunFinished;
import io.etlhub.customerview.CustomerFiguresChanged;
import io.etlhub.lapse.LapseFired;
import io.etlhub.receipts.ReceiptsLeftUnmatched;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands the hub's events to the route files that start from them ({@code from: direct:<event>}, kind
 * {@link EventRoutes}): what is notified, to whom, with which template is in routes/, where admins see
 * and edit it. The listeners are Spring Modulith's (durable publications): a route that fails throws
 * here, so the publication stays incomplete and is handed out again. The event id is the event's own
 * identity (kind, route, run), so a resubmitted publication queues nothing new: the outbox delivers each
 * event once per endpoint.
 */
@Component
class EventNotifier {
    private static final Logger log = LoggerFactory.getLogger(EventNotifier.class);

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final ErrorTexts errorTexts;
    private final MessageTemplates templates;

    EventNotifier(CamelContext camel, ProducerTemplate producer, ErrorTexts errorTexts, MessageTemplates templates) {
        this.camel = camel;
        this.producer = producer;
        this.errorTexts = errorTexts;
        this.templates = templates;
    }

    @ApplicationModuleListener
    void on(RunFinished run) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("route", run.route());
        values.put("runId", run.runId());
        values.put("status", run.status());
        // a robot's group is outside the hub: the error without SQL text or server paths (the run history has it whole)
        values.put("error", errorTexts.outsideTheHub(run.error(), templates.locale()));
        values.put("counters", run.counters());
        if (run.counters() != null) values.putAll(run.counters());
        send("run-finished", "run-finished:" + run.route() + ":" + run.runId(), values);
        if (!run.succeeded()) send("run-failed", "run-failed:" + run.route() + ":" + run.runId(), values);
    }

    @ApplicationModuleListener
    void on(ReceiptsLeftUnmatched unmatched) {
        send("receipts-left-unmatched", "receipts-left-unmatched:" + unmatched.route() + ":" + unmatched.runId(),
                Map.of("route", unmatched.route(), "runId", unmatched.runId(), "count", unmatched.count()));
    }

    /** A customer's figures crossed a threshold (customerview); the route routes/notify-customer-figures.yaml. */
    @ApplicationModuleListener
    void on(CustomerFiguresChanged changed) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("customer", changed.customerCode());
        values.put("alerts", String.join(",", changed.alerts()));
        values.put("remainingCredit", changed.remainingCredit());
        values.put("minCoverDays", changed.minCoverDays());
        values.put("lateRiskOrders", changed.lateRiskOrders());
        send("customer-figures-changed", "customer-figures-changed:" + changed.customerCode() + ":"
                + String.join(",", changed.alerts()) + ":" + changed.remainingCredit() + ":" + changed.minCoverDays(), values);
    }

    /** A lapse trigger fired (lapse): once per member and episode; the route routes/notify-lapse.yaml tells the store. */
    @ApplicationModuleListener
    void on(LapseFired fired) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("card", fired.card());
        values.put("tier", fired.tier());
        values.put("days", fired.daysSilent());
        values.put("rule", fired.rule());
        values.put("reasonZh", fired.reasonZh());
        values.put("reasonEn", fired.reasonEn());
        values.put("store", fired.store() == null ? "-" : fired.store());
        values.put("categories", fired.topCategories().isEmpty() ? "-" : String.join("、", fired.topCategories()));
        values.put("hintZh", fired.stockHintZh());
        values.put("hintEn", fired.stockHintEn());
        send("lapse-fired", fired.eventId(), values);
    }

    private void send(String event, String eventId, Map<String, ?> values) {
        Route route = camel.getRoutes().stream().filter(r -> event.equals(EventRoutes.event(r.getEndpoint().getEndpointUri()))
                && r.getEndpoint().getEndpointUri().startsWith("direct:")).findFirst().orElse(null);
        if (route == null || !camel.getRouteController().getRouteStatus(route.getRouteId()).isStarted()) {
            log.debug("event {} not notified: no started route starts from direct:{}", eventId, event);
            return;
        }
        Exchange done = producer.send(route.getEndpoint(), exchange -> {
            exchange.getMessage().setHeader(NotifyEndpoint.EVENT_ID, eventId);
            exchange.getMessage().setBody(new LinkedHashMap<>(values));
        });
        // The shared error handling's dead-letter channel handles (clears) a failure; it still failed.
        Exception failure = done.getException() != null ? done.getException()
                : done.getProperty(ExchangePropertyKey.FAILURE_HANDLED, false, Boolean.class)
                ? done.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Exception.class) : null;
        if (failure != null) {
            throw new IllegalStateException("route " + route.getRouteId() + " failed on event " + eventId + ": " + failure.getMessage(), failure);
        }
    }
}
