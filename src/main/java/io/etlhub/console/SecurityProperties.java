package io.etlhub.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

@ConfigurationProperties(prefix = "etlhub.security")
record SecurityProperties(List<User> users) {
    record User(String name, String password, List<String> roles) {}
}
