package io.etlhub.console;

import io.etlhub.pipeline.ErrorTexts;
import io.etlhub.pipeline.RunSummary;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every API answer's error texts pass {@link ErrorTexts}: finance and ops never get SQL text or a
 * server path, admins get the details. A run's error is a sentence naming the run for them (ErrorTexts.runError).
 * Covers the {"error": ...} bodies of the controllers' exception
 * handlers and of {@link ErrorAnswers}, run summaries and lists of rows with an error column (an
 * exception nobody handled is ErrorAnswers' general 500, without details).
 */
@RestControllerAdvice
class SanitisedErrors implements ResponseBodyAdvice<Object> {
    private static final List<String> TEXT_KEYS = List.of("error", "message");

    private final ErrorTexts texts;

    SanitisedErrors(ErrorTexts texts) {
        this.texts = texts;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof RunSummary s && s.error() != null) {
            return new RunSummary(s.runId(), s.route(), s.status(), s.startedAt(), s.endedAt(), s.counts(), texts.runError(s), s.outputs());
        }
        if (body instanceof Map<?, ?> map) return sanitised(map);
        if (body instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?>) {
            return list.stream().map(e -> e instanceof Map<?, ?> m ? sanitised(m) : e).toList();
        }
        return body;
    }

    private Map<?, ?> sanitised(Map<?, ?> map) {
        if (TEXT_KEYS.stream().noneMatch(k -> map.get(k) instanceof String)) return map;
        Map<Object, Object> copy = new LinkedHashMap<>(map);
        for (String key : TEXT_KEYS) {
            if (copy.get(key) instanceof String s) copy.put(key, texts.forCaller(s));
        }
        return copy;
    }
}
