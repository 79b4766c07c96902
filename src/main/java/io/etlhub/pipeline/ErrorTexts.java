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

    static boolean isAdmin() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.getAuthorities().stream().anyMatch(g -> "ROLE_ADMIN".equals(g.getAuthority()));
    }
}
