package io.etlhub.console;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.http.HttpStatus;

import io.etlhub.pipeline.AuditLog;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Roles: ADMIN (routes, connectors, runs), FINANCE (receipts queue, reconciliation), OPS (data
 * health, archive import), METRICS (/actuator/prometheus only). Logins are throttled (LoginGuard);
 * CSP and Referrer-Policy on every answer; the session cookie's SameSite and Secure come from
 * server.servlet.session.cookie (docs/security.md). The API takes HTTP Basic; the console a form login. Every path needs a
 * role except the login page, static assets and /actuator/health.
 */
@Configuration
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(SecurityProperties properties, PasswordEncoder encoder, org.springframework.jdbc.core.JdbcTemplate hub) {
        List<UserDetails> users = new ArrayList<>();
        for (SecurityProperties.User u : properties.users() == null ? List.<SecurityProperties.User>of() : properties.users()) {
            String password = u.password();
            if (password == null || password.isBlank()) {
                byte[] random = new byte[9];
                new SecureRandom().nextBytes(random);
                String generated = HexFormat.of().formatHex(random);
                // Printed once so the demo can be used; set the password in configuration for anything else.
                log.warn("generated password for user '{}': {}", u.name(), generated);
                password = encoder.encode(generated);
            } else if (!password.startsWith("{")) {
                password = encoder.encode(password);
            }
            users.add(User.withUsername(u.name()).password(password).roles(u.roles().toArray(String[]::new)).build());
        }
        return new HubStoreUsers(new InMemoryUserDetailsManager(users), hub);
    }

    @Bean
    LoginThrottle loginThrottle(SecurityProperties properties, Clock clock, org.springframework.jdbc.core.JdbcTemplate hub) {
        return new LoginThrottle(properties.loginSettings(), clock, hub);
    }

    @Bean
    LoginGuard loginGuard(LoginThrottle throttle, AuditLog audit, MessageSource messages, LocaleResolver locales, Clock clock) {
        return new LoginGuard(throttle, audit, messages, locales, clock);
    }

    /** The guard runs inside the security chain only, not a second time as a servlet filter. */
    @Bean
    FilterRegistrationBean<LoginGuard> loginGuardOutsideTheChain(LoginGuard guard) {
        FilterRegistrationBean<LoginGuard> registration = new FilterRegistrationBean<>(guard);
        registration.setEnabled(false);
        return registration;
    }

    /** Before security: an oversized body is refused before anyone reads it, logged in or not. */
    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimit(SecurityProperties properties, MultipartProperties multipart, MessageSource messages,
                                                      LocaleResolver locales) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(
                new BodyLimitFilter(properties.maxBodyBytes(), multipart.getMaxRequestSize().toBytes(), messages, locales));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, LoginGuard guard, SecurityProperties properties) throws Exception {
        // Before CSRF and authentication: a locked login is refused before anything checks it.
        http.addFilterBefore(guard, CsrfFilter.class)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(properties.cspOr()))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.get(properties.referrerPolicyOr()))))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        // Prometheus scrapes with a user of role METRICS, which can read nothing else.
                        .requestMatchers(EndpointRequest.to(PrometheusScrapeEndpoint.class)).hasAnyRole("ADMIN", "METRICS")
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole("ADMIN")
                        .requestMatchers("/login", "/error", "/webjars/**", "/console/console.css", "/console/js/**").permitAll()
                        .requestMatchers("/api/receipts/**", "/api/reconciliation/**").hasAnyRole("FINANCE", "ADMIN")
                        .requestMatchers("/api/quality/**", "/api/archive/**").hasAnyRole("OPS", "ADMIN")
                        // Customer 360: read by everyone who quotes or collects (issue 12).
                        .requestMatchers("/api/customers/**", "/console/customers/**").hasAnyRole("ADMIN", "FINANCE", "OPS")
                        // Lapse triggers: store operations follow up on them (issue 13).
                        .requestMatchers("/api/lapse/**", "/console/lapse/**").hasAnyRole("OPS", "ADMIN")
                        .requestMatchers("/api/**").hasRole("ADMIN")
                        .requestMatchers("/console/receipts/**", "/console/reconciliation/**", "/console/opportunities/**").hasAnyRole("FINANCE", "ADMIN")
                        .requestMatchers("/console/quality/**", "/console/archive/**").hasAnyRole("OPS", "ADMIN")
                        .requestMatchers("/console/home").hasAnyRole("ADMIN", "FINANCE", "OPS")
                        .requestMatchers("/console/**").hasRole("ADMIN")
                        .requestMatchers("/").hasAnyRole("ADMIN", "FINANCE", "OPS")
                        // Nothing else is served: refuse by default instead of letting any logged-in user in.
                        .anyRequest().denyAll())
                .httpBasic(Customizer.withDefaults())
                // API clients get 401, not the login page.
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                        request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/console/home", true).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                // CSRF is on for everything a browser sends with the session cookie (the console's
                // forms, and /api calls made from a logged-in browser). A request carrying its own
                // HTTP Basic credentials is not a cookie-riding cross-site request, so it needs no token.
                .csrf(csrf -> csrf.ignoringRequestMatchers(SecurityConfiguration::hasBasicCredentials));
        return http.build();
    }

    static boolean hasBasicCredentials(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }
}
