package io.etlhub.connector.webhook;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;

/**
 * Camel component {@code etlhub-notify}: a route step {@code - to: etlhub-notify:<endpoint>?template=<name>}
 * queues a notification for a {@code kind: webhook} connector in the outbox, in the route's transaction
 * when it has one. The worker delivers it.
 */
public class NotifyComponent extends DefaultComponent {
    final Outbox outbox;
    final MessageTemplates templates;
    final WebhookEndpoints endpoints;

    public NotifyComponent(Outbox outbox, MessageTemplates templates,
                           WebhookEndpoints endpoints) {
        this.outbox = outbox;
        this.templates = templates;
        this.endpoints = endpoints;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        // An unknown or non-webhook connector is refused when the route is built, not at the first message.
        var target = endpoints.apply(remaining);
        WebhookChannel.of(target);
        NotifyEndpoint endpoint = new NotifyEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        if (endpoint.getTemplate() != null) templates.check(endpoint.getTemplate());
        return endpoint;
    }
}
