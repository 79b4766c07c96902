package io.etlhub.lapse.rules;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(LapseRulesSettings.class)
class LapseRulesConfiguration {}
