package io.etlhub.console;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure that reaches Spring Boot's /error outside Spring MVC's handlers (a filter, a template failing while it
 * renders) gets a reference on the error page that its log line carries too, with the failure; nothing else does.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErrorReferencesTest {
    private final ErrorReferences references = new ErrorReferences();

    @Test
    void aFailureOutsideSpringMvcGetsAReferenceThatItsLogLineCarries(CapturedOutput log) {
        Map<String, Object> attributes = attributes(500, new IllegalStateException("template console/x failed: SELECT id FROM gone"));

        assertThat(attributes).containsEntry("status", 500).containsEntry("path", "/console/broken");
        String reference = (String) attributes.get("reference");
        assertThat(reference).matches("[0-9A-F]{8}");
        assertThat(log.getOut()).contains("/console/broken failed [reference " + reference + "]")
                .contains("IllegalStateException: template console/x failed");
        // the page gets the reference, not the failure: no message, exception or trace among its attributes
        assertThat(attributes).doesNotContainKeys("exception", "trace", "message");
        assertThat(attributes(500, new IllegalStateException("again")).get("reference")).isNotEqualTo(reference);
    }

    @Test
    void anAnswerThatIsNoFailureGetsNoReference(CapturedOutput log) {
        assertThat(attributes(404, null)).doesNotContainKey("reference");
        assertThat(attributes(500, null)).as("a 500 a servlet set without a failure").doesNotContainKey("reference");
        assertThat(attributes(403, new org.springframework.security.access.AccessDeniedException("no"))).doesNotContainKey("reference");
        assertThat(log.getOut()).doesNotContain("failed [reference");
    }

    private Map<String, Object> attributes(int status, Throwable failure) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/console/broken");
        if (failure != null) request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, failure);
        return references.getErrorAttributes(new ServletWebRequest(request), ErrorAttributeOptions.defaults());
    }
}
