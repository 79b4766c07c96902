package io.etlhub.pipeline;

import org.springframework.context.MessageSource;

import java.util.Locale;

/**
 * An action a service refused (unknown opportunity, receipt already applied, a bad cron, ...): the reader's sentence is
 * the bundle's {@code key} with its arguments (an argument may itself be a MessageSourceResolvable, translated too);
 * the English message is for logs and the API's {@code error} field. Console pages show {@link #text} in the reader's language.
 */
public class Refusal extends IllegalArgumentException {
    private final String key;
    private final transient Object[] args;

    public Refusal(String englishMessage, String key, Object... args) {
        super(englishMessage);
        this.key = key;
        this.args = args;
    }

    public String key() { return key; }

    public String text(MessageSource messages, Locale locale) {
        return messages.getMessage(key, args, getMessage(), locale);
    }

    /** A failure's sentence for the reader: a refusal's own, in the locale's language; any other failure's message as it is. */
    public static String text(Throwable failure, MessageSource messages, Locale locale) {
        return failure instanceof Refusal r ? r.text(messages, locale) : failure.getMessage();
    }
}
