package io.etlhub.connector.webhook;

import io.etlhub.connector.ConnectorDefinition;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WeCom (企业微信) group robot: POST .../cgi-bin/webhook/send?key=KEY with msgtype markdown
 * (4096 bytes) or text (2048 bytes, may @ mobiles). The key in the url is the secret; errcode 45009
 * means over the 20-a-minute limit.
 */
final class WeComRobot implements WebhookChannel {
    @Override
    public String body(ConnectorDefinition target, String eventId, WebhookMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        if ("text".equals(Json.property(target.properties(), "format", "markdown"))) {
            Map<String, Object> text = new LinkedHashMap<>();
            text.put("content", Utf8.cut(message.title() + "\n" + message.text(), 2048));
            var mobiles = Json.list(target.properties(), "mentioned-mobiles");
            if (!mobiles.isEmpty()) text.put("mentioned_mobile_list", mobiles);
            body.put("msgtype", "text");
            body.put("text", text);
        } else {
            body.put("msgtype", "markdown");
            body.put("markdown", Map.of("content", Utf8.cut("**" + message.title() + "**\n" + message.text(), 4096)));
        }
        return Json.write(body);
    }

    @Override
    public Failure check(int httpStatus, String responseBody) {
        return WebhookChannel.robotAnswer("WeCom", httpStatus, responseBody, 45009);
    }
}
