package io.etlhub.connector;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's report of a failed start, with the one-line cause first ({@link FailureCause}): a
 * connector or the hub store that refuses the login, a missing database or table, a configuration
 * folder in the wrong place. Registered in META-INF/spring.factories; runs before Boot's own analyzers.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StartupFailureAnalyzer implements FailureAnalyzer {
    private final Environment environment;

    public StartupFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        if (!FailureCause.recognises(failure)) return null; // Boot's own analyzers explain the rest (port in use, ...)
        FailureCause cause = FailureCause.of(failure, environment);
        String description = cause.line() + System.lineSeparator() + System.lineSeparator() + "Details:"
                + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", cause.details());
        return new FailureAnalysis(description, cause.fix(), failure);
    }
}
