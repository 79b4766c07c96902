package io.etlhub.pipeline;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API's answer to a request it refused: {@code {"status", "code", "error"}}. {@code code} is the bundle key of the
 * sentence, stable whatever the language (scripts test it); {@code error} is the sentence in the reader's language
 * (Accept-Language, zh-CN without one; the console's language cookie or ?lang= when given).
 */
@Component
public class ApiErrors {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiErrors.class);
    /** The key of a failure that names none: "Invalid input: {its message}". */
    public static final String INVALID = "console.error.invalid";

    private final MessageSource messages;
    private final ErrorTexts texts;

    public ApiErrors(MessageSource messages, ErrorTexts texts) {
        this.messages = messages;
        this.texts = texts;
    }

    /**
     * Any failure as {@link ErrorTexts#explain} words it: its own key and sentence when it names them; a broken route
     * file's sentence with {@code detail} (file:line: problem) for admins; else {@link #INVALID} with its message.
     */
    public ResponseEntity<Map<String, Object>> refused(HttpStatusCode status, Throwable failure) {
        ErrorTexts.Explained explained = texts.explain(failure, LocaleContextHolder.getLocale());
        // the general sentence says the failure is in the hub's log: it is
        if (ErrorTexts.FAILED.equals(explained.code())) log.warn("API request failed: {}", failure.toString(), failure);
        ResponseEntity<Map<String, Object>> answer = answer(status, explained.code(), explained.text());
        if (explained.detail() != null) answer.getBody().put("detail", explained.detail());
        return answer;
    }

    /** The bundle's sentence {@code key} with its arguments. */
    public ResponseEntity<Map<String, Object>> refused(HttpStatusCode status, String key, Object... args) {
        return answer(status, key, messages.getMessage(key, args, key, LocaleContextHolder.getLocale()));
    }

    public static ResponseEntity<Map<String, Object>> answer(HttpStatusCode status, String code, String text) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body(status.value(), code, text));
    }

    /** The body, for answers written without Spring MVC (a servlet filter). */
    public static Map<String, Object> body(int status, String code, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("code", code);
        body.put("error", text);
        return body;
    }
}
