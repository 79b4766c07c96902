package io.etlhub.pipeline;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;

@Configuration
class PipelineConfiguration {
    /** The hub's one time zone (etlhub.time-zone): its clock, the schedules, the stored times, the API and the log. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock(@Value("${etlhub.time-zone:Asia/Shanghai}") String timeZone) {
        try {
            return Clock.system(ZoneId.of(timeZone));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("etlhub.time-zone: unknown time zone '" + timeZone + "' (e.g. Asia/Shanghai)", e);
        }
    }

    /** The hub keeps wall-clock times of its zone; the API writes them with their offset. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer offsetTimestamps(Clock clock) {
        return builder -> builder.serializerByType(LocalDateTime.class, new OffsetTimestampSerializer(clock.getZone()));
    }

    @Bean
    @ConditionalOnMissingBean
    FaultInjection faultInjection() {
        return FaultInjection.NONE;
    }
}
