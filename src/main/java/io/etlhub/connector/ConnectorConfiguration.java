package io.etlhub.connector;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration
@EnableConfigurationProperties(HubConfig.class)
class ConnectorConfiguration {
    @Bean
    ConfigFiles configFiles(Environment environment) {
        return new ConfigFiles(environment);
    }
}
