package io.etlhub.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/** The etlhub.security section: users, login throttling, body limits and the response headers (docs/security.md). */
@ConfigurationProperties(prefix = "etlhub.security")
record SecurityProperties(List<User> users, Login login, DataSize maxBodySize, String contentSecurityPolicy,
                          String referrerPolicy) {
    record User(String name, String password, List<String> roles) {}

    /**
     * Failed logins tolerated per user name and per client address within {@code window}; past either
     * limit that user or address is locked for {@code lock}, each further lockout twice as long, at most {@code maxLock}.
     */
    record Login(Integer maxFailuresPerUser, Integer maxFailuresPerAddress, Duration window, Duration lock, Duration maxLock) {
        LoginThrottle.Settings settings() {
            return new LoginThrottle.Settings(maxFailuresPerUser == null ? 5 : maxFailuresPerUser,
                    maxFailuresPerAddress == null ? 20 : maxFailuresPerAddress,
                    window == null ? Duration.ofMinutes(15) : window, lock == null ? Duration.ofMinutes(1) : lock,
                    maxLock == null ? Duration.ofHours(1) : maxLock);
        }
    }

    LoginThrottle.Settings loginSettings() {
        return (login == null ? new Login(null, null, null, null, null) : login).settings();
    }

    /** JSON and form bodies (not uploads: spring.servlet.multipart.max-request-size). */
    long maxBodyBytes() { return maxBodySize == null ? DataSize.ofMegabytes(1).toBytes() : maxBodySize.toBytes(); }

    // The pages have no inline script, style attribute or on* handler (their scripts are static/console/js, their data
    // data- attributes), so neither scripts nor styles need 'unsafe-inline'.
    static final String DEFAULT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    String cspOr() { return contentSecurityPolicy == null || contentSecurityPolicy.isBlank() ? DEFAULT_CSP : contentSecurityPolicy; }

    String referrerPolicyOr() { return referrerPolicy == null || referrerPolicy.isBlank() ? "same-origin" : referrerPolicy; }
}
