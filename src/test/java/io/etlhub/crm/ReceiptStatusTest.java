package io.etlhub.crm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptStatusTest {
    @ParameterizedTest(name = "signed {0}, received {1} -> {2}")
    @CsvSource({
            "100.00, 0.00, NONE",
            "100.00, -5.00, NONE",
            "100.00, 0.01, PARTIAL",
            "100.00, 99.99, PARTIAL",
            "100.00, 100.00, PAID",
            "100.00, 100.0000, PAID",
            "100.00, 100.01, OVER",
            "0.00, 10.00, OVER"})
    void followsFromSignedAndReceived(String signed, String received, ReceiptStatus expected) {
        assertThat(ReceiptStatus.of(new BigDecimal(signed), new BigDecimal(received))).isEqualTo(expected);
    }
}
