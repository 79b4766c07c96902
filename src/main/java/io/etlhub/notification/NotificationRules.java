package io.etlhub.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * etlhub.notifications.rules: on which event (run-finished, run-failed, receipts-left-unmatched), for
 * which route ("*" = any), which webhook connector gets which template of i18n/notifications.
 */
@ConfigurationProperties(prefix = "etlhub.notifications")
record NotificationRules(List<Rule> rules) {
    NotificationRules {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    record Rule(String event, String route, String endpoint, String template) {
        boolean matches(String happened, String routeId) {
            return happened.equals(event) && (route == null || route.isBlank() || route.equals("*") || route.equals(routeId));
        }
    }

    List<Rule> matching(String event, String route) {
        return rules.stream().filter(r -> r.matches(event, route)).toList();
    }
}
