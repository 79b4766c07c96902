package io.etlhub.notification;

import io.etlhub.connector.webhook.MessageTemplates;
import io.etlhub.connector.webhook.Outbox;
import io.etlhub.connector.webhook.WebhookEndpoints;
import io.etlhub.pipeline.RunFinished;
import io.etlhub.customerview.CustomerFiguresChanged;
import io.etlhub.receipts.ReceiptsLeftUnmatched;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Listens to the hub's events and queues a notification per matching rule. The event id is the
 * event's own identity (kind, route, run), so a publication resubmitted after a crash queues nothing
 * new: the outbox delivers each event once per endpoint.
 */
@Component
@EnableConfigurationProperties(NotificationRules.class)
class EventNotifier {
    private static final Logger log = LoggerFactory.getLogger(EventNotifier.class);

    private final NotificationRules rules;
    private final Outbox outbox;
    private final MessageTemplates templates;
    private final WebhookEndpoints endpoints;

    EventNotifier(NotificationRules rules, Outbox outbox, MessageTemplates templates, WebhookEndpoints endpoints) {
        this.rules = rules;
        this.outbox = outbox;
        this.templates = templates;
        this.endpoints = endpoints;
        check(rules);
    }

    /** A rule naming an unknown event, connector or template stops the start, saying which rule. */
    private void check(NotificationRules rules) {
        for (int i = 0; i < rules.rules().size(); i++) {
            NotificationRules.Rule rule = rules.rules().get(i);
            try {
                if (!List.of("run-finished", "run-failed", "receipts-left-unmatched", "customer-figures-changed").contains(rule.event())) {
                    throw new IllegalArgumentException("event must be run-finished, run-failed, receipts-left-unmatched or "
                            + "customer-figures-changed, found '"
                            + rule.event() + "'");
                }
                endpoints.apply(rule.endpoint());
                templates.render(rule.template(), Map.of());
            } catch (RuntimeException e) {
                throw new IllegalStateException("etlhub.notifications.rules[" + i + "]: " + e.getMessage(), e);
            }
        }
    }

    @ApplicationModuleListener
    void on(RunFinished run) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("route", run.route());
        values.put("runId", run.runId());
        values.put("status", run.status());
        values.put("error", run.error());
        values.put("counters", run.counters());
        if (run.counters() != null) values.putAll(run.counters());
        notify("run-finished", run.route(), "run-finished:" + run.route() + ":" + run.runId(), values);
        if (!run.succeeded()) notify("run-failed", run.route(), "run-failed:" + run.route() + ":" + run.runId(), values);
    }

    @ApplicationModuleListener
    void on(ReceiptsLeftUnmatched unmatched) {
        notify("receipts-left-unmatched", unmatched.route(), "receipts-left-unmatched:" + unmatched.route() + ":" + unmatched.runId(),
                Map.of("route", unmatched.route(), "runId", unmatched.runId(), "count", unmatched.count()));
    }

    /** A customer's figures crossed a threshold (customerview); the rule's route filter, if any, is "customer-view". */
    @ApplicationModuleListener
    void on(CustomerFiguresChanged changed) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("customer", changed.customerCode());
        values.put("alerts", String.join(",", changed.alerts()));
        values.put("remainingCredit", changed.remainingCredit());
        values.put("minCoverDays", changed.minCoverDays());
        values.put("lateRiskOrders", changed.lateRiskOrders());
        notify("customer-figures-changed", "customer-view", "customer-figures-changed:" + changed.customerCode() + ":"
                + String.join(",", changed.alerts()) + ":" + changed.remainingCredit() + ":" + changed.minCoverDays(), values);
    }

    private void notify(String event, String route, String eventId, Map<String, ?> values) {
        for (NotificationRules.Rule rule : rules.matching(event, route)) {
            String url = endpoints.apply(rule.endpoint()).url();
            if (url == null || url.isBlank()) {
                // A rule whose robot has no url yet (FINANCE_WECOM_URL unset) stays quiet instead of filling the outbox with failures.
                log.debug("rule {} -> {} skipped: the connector has no url", event, rule.endpoint());
                continue;
            }
            outbox.enqueue(eventId, rule.endpoint(), templates.render(rule.template(), values));
        }
    }
}
