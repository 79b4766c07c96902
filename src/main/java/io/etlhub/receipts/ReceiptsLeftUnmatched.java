package io.etlhub.receipts;

/**
 * Application event: a receipts run left {@code count} documents that match no opportunity (they
 * wait in the finance queue). Who is told, and how, is for the listeners to decide.
 */
public record ReceiptsLeftUnmatched(String route, long runId, long count) {}
