package io.etlhub.pipeline;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Error texts as the caller may see them. An admin gets them whole; anyone else (finance, ops) never
 * sees SQL text (a message carrying a statement is replaced by a general sentence from the bundles:
 * the details stay in the log and the run history) nor a server path (shown as its file name only).
 */
@Component
public class ErrorTexts {
    /** The key of the general sentence for a failure that is no refusal. */
    static final String FAILED = "pipeline.error.failed";
    private static final Pattern SQL = Pattern.compile(
            "(?is)(\\bSQL\\s*\\[|bad SQL grammar|\\bselect\\b.{1,400}?\\bfrom\\b|\\binsert\\s+into\\b|\\bupdate\\b\\s+\\S+\\s+set\\b"
                    + "|\\bdelete\\s+from\\b|\\bSQLSTATE\\b|\\bSQLException\\b|\\bSQLSyntaxError|\\(conn=\\d+\\)|jdbc:)");
    /** An absolute path (/a/b/c.xlsx, C:\a\b.xlsx, \\server\share\x): not part of a URL or a word. */
    private static final Pattern PATH = Pattern.compile(
            "(?<![\\w.:/\\\\-])(?:[A-Za-z]:[\\\\/]|/|\\\\\\\\)(?:[^\\s/\\\\:*?\"<>|,;]+[\\\\/])+([^\\s/\\\\:*?\"<>|,;]*)");

    private final MessageSource messages;

    public ErrorTexts(MessageSource messages) {
        this.messages = messages;
    }

    /** The message for the current caller (admin: unchanged). */
    public String forCaller(String message) {
        return message == null || isAdmin() ? message : sanitised(message);
    }

    /** The same, bound to the current caller and language, for answers written on another thread (server-sent events). */
    public java.util.function.UnaryOperator<String> forCurrentCaller() {
        boolean admin = isAdmin();
        java.util.Locale locale = LocaleContextHolder.getLocale();
        return message -> message == null || admin ? message : sanitised(message, locale);
    }

    String sanitised(String message) {
        return sanitised(message, LocaleContextHolder.getLocale());
    }

    String sanitised(String message, java.util.Locale locale) {
        if (SQL.matcher(message).find()) {
            return messages.getMessage("security.error.hidden", null, "request failed", locale);
        }
        Matcher m = PATH.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(m.group(1)));
        return m.appendTail(out).toString();
    }

    /**
     * A run's stored error as the caller may read it: an admin the error itself; anyone else a sentence naming the run
     * (the cause, which may carry SQL or server paths, stays in the run history and the log for the admin).
     */
    public String runError(RunSummary run) {
        if (run.error() == null || isAdmin()) return run.error();
        return messages.getMessage("pipeline.run.failed", new Object[] {String.valueOf(run.runId()), run.route()},
                LocaleContextHolder.getLocale());
    }

    /** A failed run's notice for a console page: the sentence naming the run, for admins followed by the cause. */
    public String runFailure(RunSummary run, java.util.Locale locale) {
        Object[] args = {String.valueOf(run.runId()), run.route(), String.valueOf(run.error())};
        return messages.getMessage(isAdmin() ? "pipeline.run.failedBecause" : "pipeline.run.failed", args, locale);
    }

    /**
     * A failed action in the reader's language: {@code code} the bundle key of {@code text}; {@code detail} what an
     * admin needs to fix it (the file:line of a broken route file, a failure's own message), null for anyone else.
     */
    public record Explained(String code, String text, String detail) {
        /** The sentence, followed by the detail when there is one ("Cause (administrators only): ..."). */
        public String withDetail(MessageSource messages, java.util.Locale locale) {
            return detail == null ? text : text + " " + messages.getMessage("console.error.detail", new Object[] {detail}, detail, locale);
        }
    }

    /**
     * A refusal (or any failure naming its bundle key) is its own sentence; a route, connector or mapping file that
     * cannot be used says which file and line, the problem itself for admins; a parameter of the wrong type is
     * console.error.badParameter; a value refused without a key is
     * "Invalid input: its message" (no SQL or path for non-admins); any other failure a general sentence, its message
     * for admins.
     */
    public Explained explain(Throwable failure, java.util.Locale locale) {
        boolean admin = isAdmin();
        if (failure instanceof KeyedFailure r) {
            return new Explained(r.key(), messages.getMessage(r, locale), null);
        }
        if (failure instanceof io.etlhub.connector.ConfigFileException e) {
            String file = e.file() == null ? "-" : String.valueOf(e.file().getFileName());
            return new Explained("pipeline.error.configFile", messages.getMessage("pipeline.error.configFile",
                    new Object[] {file, e.line() > 0 ? e.line() : "-"}, locale), admin ? e.getMessage() : null);
        }
        if (failure instanceof org.springframework.beans.TypeMismatchException t) {
            // a path or query parameter of the wrong type (a controller's own handler matched its cause, a NumberFormatException)
            return new Explained("console.error.badParameter", messages.getMessage("console.error.badParameter",
                    new Object[] {t.getPropertyName(), t.getValue()}, locale), null);
        }
        String message = String.valueOf(failure.getMessage());
        if (failure instanceof IllegalArgumentException || failure instanceof java.time.DateTimeException) {
            String shown = admin ? message : sanitised(message, locale);
            return new Explained(ApiErrors.INVALID, messages.getMessage(ApiErrors.INVALID, new Object[] {shown}, locale), null);
        }
        return new Explained(FAILED, messages.getMessage(FAILED, null, locale), admin ? message : null);
    }

    static boolean isAdmin() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.getAuthorities().stream().anyMatch(g -> "ROLE_ADMIN".equals(g.getAuthority()));
    }
}
