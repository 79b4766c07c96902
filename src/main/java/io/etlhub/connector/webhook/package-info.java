/**
 * The {@code webhook} connector kind: notifications to a WeCom group robot, a DingTalk custom robot
 * or any JSON endpoint, through an outbox in the hub store ({@link io.etlhub.connector.webhook.Outbox}).
 */
@org.springframework.modulith.NamedInterface("webhook")
package io.etlhub.connector.webhook;
