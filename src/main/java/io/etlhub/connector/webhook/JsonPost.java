package io.etlhub.connector.webhook;

import io.etlhub.connector.ConnectorDefinition;

import java.util.LinkedHashMap;
import java.util.Map;

/** Any HTTP endpoint taking {"eventId","title","text"}; a 2xx answer means delivered. */
final class JsonPost implements WebhookChannel {
    @Override
    public String body(ConnectorDefinition target, String eventId, WebhookMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", eventId);
        body.put("title", message.title());
        body.put("text", message.text());
        return Json.write(body);
    }

    @Override
    public Failure check(int httpStatus, String responseBody) {
        return httpStatus / 100 == 2 ? null : new Failure("HTTP " + httpStatus + ": " + Utf8.cut(responseBody, 500), httpStatus == 429);
    }
}
