package io.etlhub.console;

import io.etlhub.pipeline.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Login throttling for the form login and HTTP Basic: a locked user name or client address is refused
 * (429, Retry-After) before its password is checked, so a locked answer says nothing about the password.
 * Failed logins are logged and audited (LOGIN_FAILED, LOGIN_LOCKED); form logins, and a Basic login
 * after failures, are audited as LOGIN. Basic calls that succeed are not audited one by one (a scraper
 * would fill the audit log).
 */
class LoginGuard extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(LoginGuard.class);

    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final MessageSource messages;
    /** The console's language (its cookie): these filters answer before Spring MVC resolves it. */
    private final LocaleResolver locales;
    private final Clock clock;

    LoginGuard(LoginThrottle throttle, AuditLog audit, MessageSource messages, LocaleResolver locales, Clock clock) {
        this.locales = locales;
        this.throttle = throttle;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = claimedUser(request);
        if (user != null) {
            Instant until = throttle.lockedUntil(user, request.getRemoteAddr());
            if (until != null) {
                refuse(request, response, user, until);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String user, Instant until) throws IOException {
        long seconds = Math.max(1, Duration.between(clock.instant(), until).toSeconds());
        log.warn("login of '{}' from {} refused: locked for {} s more", user, request.getRemoteAddr(), seconds);
        if (isFormLogin(request)) {
            response.sendRedirect(request.getContextPath() + "/login?locked");
            return;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        String text = messages.getMessage("security.login.locked", new Object[] {seconds}, locales.resolveLocale(request));
        JsonErrorAnswer.write(response, 429, "security.login.locked", text);
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String user = event.getAuthentication().getName();
        String address = address(event.getAuthentication());
        String method = method();
        log.warn("{} login of '{}' from {} failed: {}", method, user, address, event.getException().getClass().getSimpleName());
        audit.record(user, "LOGIN_FAILED", "login " + method, null, "from " + address);
        for (LoginThrottle.Lockout lockout : throttle.failed(user, address)) {
            log.warn("{} locked until {} after repeated failed logins", lockout.key(), lockout.until());
            audit.record(user, "LOGIN_LOCKED", lockout.key(), null, "until " + lockout.until().atZone(clock.getZone()).toOffsetDateTime());
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        String user = event.getAuthentication().getName();
        String address = address(event.getAuthentication());
        String method = method();
        int failures = throttle.succeeded(user);
        if ("form".equals(method) || failures > 0) {
            log.info("{} login of '{}' from {}", method, user, address);
            audit.record(user, "LOGIN", "login " + method, failures > 0 ? failures + " failed before" : null, "from " + address);
        } else {
            log.debug("{} login of '{}' from {}", method, user, address);
        }
    }

    /** The user name a login request claims: the form's username on POST /login, or the Basic header's. */
    static String claimedUser(HttpServletRequest request) {
        if (isFormLogin(request)) return request.getParameter("username");
        if (!SecurityConfiguration.hasBasicCredentials(request)) return null;
        try {
            String decoded = new String(Base64.getDecoder().decode(request.getHeader(HttpHeaders.AUTHORIZATION).substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static boolean isFormLogin(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && (request.getContextPath() + "/login").equals(request.getRequestURI());
    }

    private static String method() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a && isFormLogin(a.getRequest())
                ? "form" : "basic";
    }

    private static String address(Authentication authentication) {
        if (authentication.getDetails() instanceof WebAuthenticationDetails d) return d.getRemoteAddress();
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a ? a.getRequest().getRemoteAddr() : null;
    }
}
