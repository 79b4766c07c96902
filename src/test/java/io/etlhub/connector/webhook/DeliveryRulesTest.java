package io.etlhub.connector.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Back-off doubles up to its cap; messages are cut to the robots' byte limits without splitting a character. */
class DeliveryRulesTest {
    @Test
    void backoffDoublesFromTheFirstRetryUpToTheCap() {
        DeliverySettings s = new DeliverySettings(Duration.ofSeconds(30), Duration.ofMinutes(60), 10, 20, Duration.ofSeconds(10),
                Duration.ofMinutes(5));
        assertThat(s.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.backoff(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(s.backoff(7)).isEqualTo(Duration.ofMinutes(32));
        assertThat(s.backoff(8)).isEqualTo(Duration.ofMinutes(60));
        assertThat(s.backoff(40)).isEqualTo(Duration.ofMinutes(60));
    }

    @Test
    void aLongChineseTextIsCutWithinTheByteLimit() {
        String text = "未匹配收款单".repeat(500); // 3 bytes a character: 9000 bytes
        String cut = Utf8.cut(text, 2048);
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048);
        assertThat(cut).endsWith("…").startsWith("未匹配收款单");
        assertThat(Utf8.cut("短", 2048)).isEqualTo("短");
    }

    @Test
    void theDingTalkSignatureIsUrlEncodedBase64() {
        String sign = DingTalkRobot.sign("SECsecret", 1_700_000_000_000L);
        assertThat(sign).doesNotContain("+").doesNotContain("/").doesNotContain("=").matches("[A-Za-z0-9%._-]+");
    }
}
