package io.etlhub.connector.webhook;

/** What a notification says: a title (DingTalk shows it in the chat list) and a Markdown or plain text. */
public record WebhookMessage(String title, String text) {}
