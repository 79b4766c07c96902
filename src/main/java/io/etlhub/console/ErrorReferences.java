package io.etlhub.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

import java.util.Map;

/**
 * The error page's attributes for a failure that reached Spring Boot's /error outside Spring MVC's handlers (a filter,
 * a template that failed while rendering): a 500 gets a reference, logged with the failure, as ErrorAnswers gives one.
 */
@Component
class ErrorReferences extends DefaultErrorAttributes {
    private static final Logger log = LoggerFactory.getLogger(ErrorReferences.class);

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        Throwable failure = getError(request);
        if (Integer.valueOf(500).equals(attributes.get("status")) && failure != null) {
            String reference = ErrorAnswers.reference();
            log.error("{} failed [reference {}]", attributes.get("path"), reference, failure);
            attributes.put("reference", reference);
        }
        return attributes;
    }
}
