package io.etlhub.connector.webhook;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notification texts from the message bundle i18n/notifications (zh-CN first, English too):
 * notify.&lt;template&gt;.title and .text, where {name} is replaced by a value of the event.
 */
public class MessageTemplates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");

    private final MessageSource messages;
    private final Locale locale;

    public MessageTemplates(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    /** The language of the messages (etlhub.notify.language). */
    public Locale locale() {
        return locale;
    }

    public WebhookMessage render(String template, Map<String, ?> values) {
        return new WebhookMessage(fill(text(template, "title"), values), fill(text(template, "text"), values));
    }

    /** Fails with the template's name when the bundle lacks it. */
    void check(String template) {
        text(template, "title");
        text(template, "text");
    }

    private String text(String template, String part) {
        try {
            return messages.getMessage("notify." + template + "." + part, null, locale);
        } catch (NoSuchMessageException e) {
            throw new IllegalArgumentException("no notification template '" + template + "' (notify." + template + "." + part
                    + " in i18n/notifications*.properties)");
        }
    }

    private static String fill(String text, Map<String, ?> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : String.valueOf(v)));
        }
        return m.appendTail(out).toString();
    }
}
