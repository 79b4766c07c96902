package io.etlhub.connector.webhook;

import io.etlhub.connector.ConnectorDefinition;

import java.net.URI;
import java.time.Instant;

/**
 * How one kind of receiver wants a message: the address (with a signature where needed), the JSON
 * body, and what in its answer means failure. The connector file's properties.channel picks one;
 * new receivers (DingTalk has announced the end of custom robots) are one more implementation.
 */
interface WebhookChannel {
    /** The connector's url as it is; a channel that signs adds to it. */
    default URI uri(ConnectorDefinition target, Instant now) {
        return URI.create(target.url());
    }

    String body(ConnectorDefinition target, String eventId, WebhookMessage message);

    /** Null when the answer means delivered; otherwise what went wrong. */
    Failure check(int httpStatus, String responseBody);

    /** A failed delivery; {@code rateLimited} asks the worker to wait out the receiver's throttle. */
    record Failure(String error, boolean rateLimited) {}

    /** A robot's answer: HTTP 200 with errcode 0 is delivered; {@code throttledCode} is its "over the limit". */
    static Failure robotAnswer(String robot, int httpStatus, String responseBody, long throttledCode) {
        if (httpStatus / 100 != 2) return new Failure("HTTP " + httpStatus + ": " + Utf8.cut(responseBody, 500), httpStatus == 429);
        long code = Json.errcode(responseBody);
        if (code == 0) return null;
        return new Failure(robot + " errcode " + code + ": " + Utf8.cut(responseBody, 500), code == throttledCode);
    }

    static WebhookChannel of(ConnectorDefinition target) {
        String channel = target.properties() == null ? "json" : target.properties().getOrDefault("channel", "json");
        return switch (channel) {
            case "wecom" -> new WeComRobot();
            case "dingtalk" -> new DingTalkRobot();
            case "json" -> new JsonPost();
            default -> throw new IllegalArgumentException(target.file() + ": properties.channel must be wecom, dingtalk or json, found '"
                    + channel + "'");
        };
    }
}
