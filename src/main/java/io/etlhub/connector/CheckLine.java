package io.etlhub.connector;

import org.springframework.context.MessageSource;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * One line of `run check`: OK, a warning, or a fault with its fix. The text is a key of i18n/check*.properties
 * with its arguments, shown in the reader's language (console, API, CLI); an argument may itself be a {@link Text}
 * (a cause inside a sentence). The subject ("connector crm", "route receipts-u8") names what was checked.
 */
public record CheckLine(Status status, String subject, Text text) {
    public enum Status { OK, WARN, FAIL }

    /** A sentence of the check bundle with its arguments, translated when shown. */
    public record Text(String key, List<Object> args) {
        /** Arguments may be null (an H2 connector without a user): shown as "null" like a string concatenation would. */
        public static Text of(String key, Object... args) {
            return new Text(key, java.util.Collections.unmodifiableList(java.util.Arrays.asList(args.clone())));
        }

        /** The sentence in the locale's language; nested texts are translated too. */
        public String in(MessageSource messages, Locale locale) {
            Object[] resolved = args.stream().map(a -> a instanceof Text t ? t.in(messages, locale) : a).toArray();
            return messages.getMessage(key, resolved, key, locale);
        }

        /** English without Spring (start-up failure reports, log lines): from i18n/check_en.properties. */
        public String english() {
            Object[] resolved = args.stream().map(a -> a instanceof Text t ? t.english() : a).toArray();
            return new MessageFormat(ENGLISH.getString(key), Locale.ENGLISH).format(resolved);
        }
    }

    /** What a reader gets: the subject and the sentence in their language. */
    public record Shown(Status status, String subject, String message) {
        @Override
        public String toString() {
            return String.format("%-4s %s: %s", status, subject, message);
        }
    }

    private static final ResourceBundle ENGLISH = ResourceBundle.getBundle("i18n/check", Locale.ENGLISH,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));

    public static CheckLine ok(String subject, String key, Object... args) { return new CheckLine(Status.OK, subject, Text.of(key, args)); }

    public static CheckLine warn(String subject, String key, Object... args) { return new CheckLine(Status.WARN, subject, Text.of(key, args)); }

    public static CheckLine fail(String subject, String key, Object... args) { return new CheckLine(Status.FAIL, subject, Text.of(key, args)); }

    public Shown in(MessageSource messages, Locale locale) {
        return new Shown(status, subjectText(messages, locale), text.in(messages, locale));
    }

    /**
     * The subject in the reader's words. Subjects are "connector ID", "route ID", "route ID option KEY",
     * "route file" and "mapping ID" (ConfigurationCheck groups lines by them, so they stay plain strings).
     */
    String subjectText(MessageSource messages, Locale locale) {
        String[] words = subject.split(" ");
        Text t = words.length == 4 && "option".equals(words[2]) ? Text.of("check.subject.route-option", words[1], words[3])
                : subject.equals("route file") ? Text.of("check.subject.route-file")
                : words.length == 2 ? Text.of("check.subject." + words[0], words[1])
                : null;
        return t == null ? subject : messages.getMessage(t.key(), t.args().toArray(), subject, locale);
    }
}
