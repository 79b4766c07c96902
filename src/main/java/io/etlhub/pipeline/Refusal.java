package io.etlhub.pipeline;

import org.springframework.context.MessageSource;

import java.util.Locale;

/**
 * An action a service refused (unknown opportunity, receipt already applied, a bad cron, ...): the reader's sentence is
 * the bundle's {@code key} with its arguments (an argument may itself be a MessageSourceResolvable, translated too);
 * the English message is for logs. Console pages show {@link #text} in the reader's language; the API answers
 * {@code {"code": key, "error": text}} ({@link ApiErrors}). An IllegalArgumentException: bad input (400/422); what the
 * present state refuses (409) is a {@link Conflict}.
 */
public class Refusal extends IllegalArgumentException implements KeyedFailure {
    private final String key;
    private final transient Object[] args;

    public Refusal(String englishMessage, String key, Object... args) {
        super(englishMessage);
        this.key = key;
        this.args = args;
    }

    @Override
    public String key() { return key; }

    @Override
    public Object[] args() { return args; }

    public String text(MessageSource messages, Locale locale) {
        return messages.getMessage(key, args, getMessage(), locale);
    }

    /**
     * A failure's sentence for the reader: a refusal's own (or any failure that names its bundle key, as a
     * {@link Conflict} does), in the locale's language; any other failure's message as it is.
     */
    public static String text(Throwable failure, MessageSource messages, Locale locale) {
        return failure instanceof KeyedFailure k ? messages.getMessage(k, locale) : failure.getMessage();
    }
}
