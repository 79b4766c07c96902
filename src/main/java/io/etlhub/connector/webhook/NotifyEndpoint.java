package io.etlhub.connector.webhook;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.slf4j.LoggerFactory;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

import java.util.LinkedHashMap;
import java.util.Map;

/** Queues one notification per exchange. Producer only. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "etlhub-notify", title = "etl-hub notification", syntax = "etlhub-notify:endpoint",
        producerOnly = true, category = {Category.CHAT})
public class NotifyEndpoint extends DefaultEndpoint {
    /** Header with the event's id: the same id is delivered once per endpoint, however often it is sent. */
    public static final String EVENT_ID = "EtlhubEventId";

    @UriPath(description = "A kind: webhook connector of connectors/ (WeCom robot, DingTalk robot or JSON endpoint)")
    @Metadata(required = true)
    private final String endpoint;
    @UriParam(description = "Message template of i18n/notifications (notify.<template>.title/.text, {name} replaced by "
            + "the exchange's headers and a Map body); without one the body is the text")
    private String template;

    NotifyEndpoint(String uri, NotifyComponent component, String endpoint) {
        super(uri, component);
        this.endpoint = endpoint;
    }

    @Override
    public Producer createProducer() {
        NotifyComponent c = (NotifyComponent) getComponent();
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) {
                if (c.endpoints.apply(endpoint).url() == null || c.endpoints.apply(endpoint).url().isBlank()) {
                    // A robot without a url yet (FINANCE_WECOM_URL unset) stays quiet instead of filling the outbox with failures.
                    LoggerFactory.getLogger(NotifyEndpoint.class).debug("etlhub-notify:{} skipped: the connector has no url", endpoint);
                    return;
                }
                Map<String, Object> values = new LinkedHashMap<>(exchange.getMessage().getHeaders());
                if (exchange.getMessage().getBody() instanceof Map<?, ?> body) body.forEach((k, v) -> values.put(String.valueOf(k), v));
                values.putIfAbsent("route", exchange.getFromRouteId());
                WebhookMessage message = template == null
                        ? new WebhookMessage(String.valueOf(values.get("route")), exchange.getMessage().getBody(String.class))
                        : c.templates.render(template, values);
                String eventId = exchange.getMessage().getHeader(EVENT_ID, exchange.getExchangeId(), String.class);
                c.outbox.enqueue(eventId, endpoint, message);
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("etlhub-notify is a producer: use it in to:");
    }

    public String getEndpoint() { return endpoint; }

    public String getTemplate() { return template; }

    public void setTemplate(String template) { this.template = template; }
}
