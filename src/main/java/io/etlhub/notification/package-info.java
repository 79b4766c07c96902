/**
 * Notifications of what happened in the hub: application events of other modules (Spring Modulith's
 * durable publications) are handed to the route files that start from them ({@code from: direct:<event>},
 * e.g. routes/notify-unmatched.yaml), whose {@code etlhub-notify:} steps queue messages in the webhook
 * outbox. The modules that publish know nothing of webhooks or routes.
 */
package io.etlhub.notification;
