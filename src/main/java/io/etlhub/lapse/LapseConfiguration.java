package io.etlhub.lapse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(LapseSettings.class)
class LapseConfiguration {}
