package io.etlhub.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The API's timestamps: the hub zone's wall time with the offset valid at that moment. */
class OffsetTimestampSerializerTest {
    private static String write(String zone, LocalDateTime value) throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new SimpleModule()
                .addSerializer(LocalDateTime.class, new OffsetTimestampSerializer(ZoneId.of(zone))));
        return json.writeValueAsString(value);
    }

    @Test
    void writesTheOffsetOfTheHubZone() throws Exception {
        assertThat(write("Asia/Shanghai", LocalDateTime.of(2026, 11, 24, 18, 43, 30))).isEqualTo("\"2026-11-24T18:43:30+08:00\"");
    }

    @Test
    void keepsMillisecondsAsTheLogDoesAndDropsFinerDigits() throws Exception {
        assertThat(write("Asia/Shanghai", LocalDateTime.of(2026, 11, 24, 18, 43, 30, 15_678_901)))
                .isEqualTo("\"2026-11-24T18:43:30.015+08:00\"");
    }

    @Test
    void theOffsetFollowsDaylightSavingInZonesThatHaveIt() throws Exception {
        assertThat(write("Europe/Berlin", LocalDateTime.of(2026, 7, 1, 12, 0))).isEqualTo("\"2026-07-01T12:00:00+02:00\"");
        assertThat(write("Europe/Berlin", LocalDateTime.of(2026, 1, 1, 12, 0))).isEqualTo("\"2026-01-01T12:00:00+01:00\"");
    }
}
