package io.etlhub.connector;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
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

    /** The hub store's own pool may hand bulk rows to MySQL as files too (see LocalFileLoads); set before it starts. */
    @Bean
    static BeanPostProcessor localFileLoadsForTheHubStore() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool && !pool.isRunning()) LocalFileLoads.allow(pool);
                return bean;
            }
        };
    }
}
