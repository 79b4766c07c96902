package io.etlhub.connector.webhook;

import io.etlhub.connector.ConnectorDefinition;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DingTalk (钉钉) custom robot: POST .../robot/send?access_token=TOKEN&timestamp=MS&sign=SIGN, where
 * SIGN = URL-encode(Base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret))) and the
 * timestamp must be within an hour of DingTalk's clock. The secret is the connector's password.
 * errcode 310000 = signature or keyword mismatch; 130101 = over 20 a minute (throttled 10 minutes).
 */
final class DingTalkRobot implements WebhookChannel {
    @Override
    public URI uri(ConnectorDefinition target, Instant now) {
        String secret = target.password();
        if (secret == null || secret.isEmpty()) return URI.create(target.url());
        long timestamp = now.toEpochMilli();
        return URI.create(target.url() + (target.url().contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign=" + sign(secret, timestamp));
    }

    static String sign(String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return URLEncoder.encode(Base64.getEncoder().encodeToString(signature), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String body(ConnectorDefinition target, String eventId, WebhookMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        if ("text".equals(Json.property(target.properties(), "format", "markdown"))) {
            body.put("msgtype", "text");
            body.put("text", Map.of("content", message.title() + "\n" + message.text()));
        } else {
            body.put("msgtype", "markdown");
            body.put("markdown", Map.of("title", message.title(), "text", "#### " + message.title() + "\n" + message.text()));
        }
        body.put("at", Map.of("atMobiles", Json.list(target.properties(), "mentioned-mobiles"), "isAtAll", false));
        return Json.write(body);
    }

    @Override
    public Failure check(int httpStatus, String responseBody) {
        return WebhookChannel.robotAnswer("DingTalk", httpStatus, responseBody, 130101);
    }
}
