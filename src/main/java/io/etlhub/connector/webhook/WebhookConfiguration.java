package io.etlhub.connector.webhook;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.ConnectorDefinition;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/** The outbox, its delivery worker (a Camel timer route, visible with the other routes) and the etlhub-notify component. */
@Configuration
class WebhookConfiguration {

    @Bean
    Outbox notificationOutbox(JdbcTemplate hub, Clock clock) {
        return new Outbox(hub, clock);
    }

    @Bean
    MessageTemplates notificationTemplates(MessageSource messages, @Value("${etlhub.notify.language:zh-CN}") String language) {
        return new MessageTemplates(messages, Locale.forLanguageTag(language));
    }

    /** Webhook connectors by id: a ConnectorDefinition bound in the Camel registry first, then connectors/. */
    @Bean
    WebhookEndpoints webhookEndpoints(ConnectorCatalog connectors, CamelContext camel) {
        return id -> {
            ConnectorDefinition bound = camel.getRegistry().lookupByNameAndType(id, ConnectorDefinition.class);
            ConnectorDefinition c = bound != null ? bound : connectors.get(id);
            if (!"webhook".equals(c.kind())) {
                throw new IllegalArgumentException("connector " + id + " is of kind '" + c.kind() + "', not webhook");
            }
            return c;
        };
    }

    @Bean
    WebhookDelivery webhookDelivery(Outbox outbox, WebhookEndpoints endpoints, Clock clock,
                                    @Value("${etlhub.notify.first-retry-seconds:30}") double firstRetrySeconds,
                                    @Value("${etlhub.notify.max-retry-minutes:60}") long maxRetryMinutes,
                                    @Value("${etlhub.notify.max-attempts:10}") int maxAttempts,
                                    @Value("${etlhub.notify.rate-per-minute:20}") int ratePerMinute) {
        return new WebhookDelivery(outbox, endpoints, new DeliverySettings(Duration.ofMillis((long) (firstRetrySeconds * 1000)),
                Duration.ofMinutes(maxRetryMinutes), maxAttempts, ratePerMinute, Duration.ofSeconds(10), Duration.ofMinutes(5)), clock);
    }

    @Bean
    @ConditionalOnProperty(name = "etlhub.notify.worker.enabled", havingValue = "true", matchIfMissing = true)
    RouteBuilder notificationDeliveryRoute(WebhookDelivery delivery, @Value("${etlhub.notify.worker.period-ms:2000}") long periodMs) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:etlhub-notify?period=" + periodMs).routeId("notification-delivery")
                        .description("通知发件箱投递（企业微信、钉钉、JSON）").process(e -> delivery.deliverDue());
            }
        };
    }

    @Bean("etlhub-notify")
    NotifyComponent etlhubNotifyComponent(Outbox outbox, MessageTemplates templates, WebhookEndpoints endpoints) {
        return new NotifyComponent(outbox, templates, endpoints);
    }
}
