package io.etlhub.console;

import io.etlhub.connector.FailureCause;
import io.etlhub.pipeline.UnknownRouteException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.time.DateTimeException;
import java.util.Locale;
import java.util.Map;

/**
 * Every failure the console and the API did not answer themselves gets a status and a sentence from
 * the bundles, never Spring's Whitelabel page or a 500 for bad input: a page (templates/error.html in
 * the console's layout) for the browser, {"status", "error"} for /api. A controller's own
 * {@code @ExceptionHandler} still answers first; refusals (403) stay with Spring Security. An unexpected failure is a
 * 500 with a reference that is also in the log line; {@link ErrorReferences} does the same for failures outside Spring MVC.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ErrorAnswers {
    private static final Logger log = LoggerFactory.getLogger(ErrorAnswers.class);
    private final MessageSource messages;
    private final io.etlhub.pipeline.ErrorTexts errors;

    ErrorAnswers(MessageSource messages, io.etlhub.pipeline.ErrorTexts errors) {
        this.messages = messages;
        this.errors = errors;
    }

    @ExceptionHandler(RequestRefused.class)
    Object refused(RequestRefused e, HttpServletRequest request, HttpServletResponse response) {
        return answer(e.status, e.key, text(request, e.key, e.args), request, response);
    }

    /** A run-now parameter the route's kind refused before the run (a month 13): 400 with the kind's own sentence. */
    @ExceptionHandler(io.etlhub.pipeline.BadRunParameterException.class)
    Object badRunParameter(io.etlhub.pipeline.BadRunParameterException e, HttpServletRequest request, HttpServletResponse response) {
        return answer(HttpStatus.BAD_REQUEST, e.key(), e.text(messages, RequestContextUtils.getLocale(request)), request, response);
    }

    @ExceptionHandler(UnknownRouteException.class)
    Object unknownRoute(UnknownRouteException e, HttpServletRequest request, HttpServletResponse response) {
        return answer(HttpStatus.NOT_FOUND, e.key(), e.text(messages, RequestContextUtils.getLocale(request)), request, response);
    }

    /** A run asked of a route that is running or not started: 409 with its sentence (a console run now, the data-health page). */
    @ExceptionHandler({io.etlhub.pipeline.RouteBusyException.class, io.etlhub.pipeline.RouteStoppedException.class})
    Object conflict(RuntimeException e, HttpServletRequest request, HttpServletResponse response) {
        return answer(HttpStatus.CONFLICT, ((io.etlhub.pipeline.KeyedFailure) e).key(),
                io.etlhub.pipeline.Refusal.text(e, messages, RequestContextUtils.getLocale(request)), request, response);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    Object typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request, HttpServletResponse response) {
        return answer(HttpStatus.BAD_REQUEST, "console.error.badParameter", text(request, "console.error.badParameter", e.getName(), e.getValue()),
                request, response);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    Object missing(MissingServletRequestParameterException e, HttpServletRequest request, HttpServletResponse response) {
        return answer(HttpStatus.BAD_REQUEST, "console.error.missingParameter", text(request, "console.error.missingParameter",
                e.getParameterName()), request, response);
    }

    @ExceptionHandler(BindException.class)
    Object binding(BindException e, HttpServletRequest request, HttpServletResponse response) {
        var field = e.getFieldError();
        String key = field == null ? "console.error.400" : "console.error.badParameter";
        String message = field == null ? text(request, key) : text(request, key, field.getField(), field.getRejectedValue());
        return answer(HttpStatus.BAD_REQUEST, key, message, request, response);
    }

    /**
     * A value the service refused (a month 13, a bad cron): the request was understood but cannot be done. A refusal's
     * code is its own key (its sentence inside "Invalid input: ..."), another value's console.error.invalid.
     */
    @ExceptionHandler({IllegalArgumentException.class, DateTimeException.class})
    Object unprocessable(RuntimeException e, HttpServletRequest request, HttpServletResponse response) {
        String code = e instanceof io.etlhub.pipeline.KeyedFailure k ? k.key() : "console.error.invalid";
        return answer(HttpStatus.UNPROCESSABLE_ENTITY, code, text(request, "console.error.invalid",
                io.etlhub.pipeline.Refusal.text(e, messages, RequestContextUtils.getLocale(request))), request, response);
    }

    /** Spring's own exceptions that carry a status (no such page, method not allowed, ...) keep it. */
    @ExceptionHandler(Exception.class)
    Object other(Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) throw e;
        BodyLimitFilter.TooLarge tooLarge = BodyLimitFilter.TooLarge.in(e);
        if (tooLarge != null) {
            // a body without a declared length that a handler read past the limit (BodyLimitFilter counts it)
            response.setHeader("Connection", "close");
            return answer(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.key(), tooLarge.text(messages, RequestContextUtils.getLocale(request)),
                    request, response);
        }
        if (e instanceof ErrorResponse er) {
            HttpStatusCode status = er.getStatusCode();
            String own = messages.getMessage("console.error." + status.value(), new Object[] {request.getRequestURI()}, null,
                    RequestContextUtils.getLocale(request));
            String reason = e instanceof org.springframework.web.server.ResponseStatusException rse ? rse.getReason() : null;
            String code = own != null ? "console.error." + status.value() : "console.error.other";
            return answer(status, code, own != null ? own : reason != null ? reason : text(request, "console.error.other"), request, response);
        }
        return unexpected(e, request, response);
    }

    /**
     * A failure nobody expected (a database error, a bug): logged with a reference the reader can quote, answered with
     * the bundle's sentence and that reference; an admin also gets the one-line cause (a missing table, a refused
     * login: connector.FailureCause), never SQL text or a stack; finance and ops get no detail at all.
     */
    private Object unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        String reference = reference();
        log.error("{} {} failed [reference {}]", request.getMethod(), request.getRequestURI(), reference, e);
        String detail = request.isUserInRole("ADMIN") && FailureCause.recognises(e) ? FailureCause.of(e, null).line() : null;
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "console.error.500", text(request, "console.error.500"), request, response,
                Map.of("reference", reference, "detail", detail == null ? "" : detail));
    }

    /** A short id for one failure, in the answer and in the log line. */
    static String reference() {
        return java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    private Object answer(HttpStatusCode status, String code, String message, HttpServletRequest request, HttpServletResponse response) {
        return answer(status, code, message, request, response, Map.of());
    }

    /** For /api: {"status", "code" (the sentence's bundle key, the same in every language), "error"} (pipeline.ApiErrors). */
    private Object answer(HttpStatusCode status, String code, String message, HttpServletRequest request, HttpServletResponse response,
                          Map<String, String> extra) {
        if (isApi(request)) {
            ResponseEntity<Map<String, Object>> answer = io.etlhub.pipeline.ApiErrors.answer(status, code, message);
            extra.forEach((k, v) -> { if (!v.isEmpty()) answer.getBody().put(k, v); });
            return answer;
        }
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        // No SQL or server path for finance and ops (the API's answers pass SanitisedErrors).
        page.addObject("message", errors.forCaller(message));
        page.addObject("requestPath", request.getRequestURI().substring(request.getContextPath().length()));
        extra.forEach((k, v) -> { if (!v.isEmpty()) page.addObject(k, v); });
        return page;
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    private String text(HttpServletRequest request, String key, Object... args) {
        Locale locale = RequestContextUtils.getLocale(request);
        return messages.getMessage(key, args, key, locale);
    }
}
