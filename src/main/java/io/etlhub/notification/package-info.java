/**
 * Notifications of what happened in the hub, by rule (etlhub.notifications.rules): application events
 * of other modules become messages in the webhook outbox. The modules that publish know nothing of
 * webhooks.
 */
package io.etlhub.notification;
