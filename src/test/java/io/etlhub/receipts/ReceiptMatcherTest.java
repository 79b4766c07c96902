package io.etlhub.receipts;

import io.etlhub.crm.Opportunity;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptMatcherTest {
    private final ReceiptMatcher matcher = new ReceiptMatcher(
            new OpportunityNumberMatcher("OPP-\\d{4}-\\d{5}", List.of("商机号")), List.of("输单"), "CNY");

    private final Map<String, Opportunity> crm = Map.of(
            "OPP-2026-00001", new Opportunity(1, "OPP-2026-00001", "成交", "CNY", new BigDecimal("1000.00"), 1L, "C1"),
            "OPP-2026-00002", new Opportunity(2, "OPP-2026-00002", "成交", "USD", new BigDecimal("1000.00"), 1L, "C1"),
            "OPP-2026-00003", new Opportunity(3, "OPP-2026-00003", "输单", "CNY", new BigDecimal("1000.00"), 1L, "C1"));

    private static ReceiptDocument doc(String memo, String currency, String rate, String amount) {
        BigDecimal a = new BigDecimal(amount);
        BigDecimal r = new BigDecimal(rate);
        return new ReceiptDocument("U8", "1", "SK1", LocalDate.of(2026, 10, 1), "C1", currency, currency, r, a,
                ReceiptDocument.money(a.multiply(r)), memo, "1", true, null);
    }

    @Test
    void sameCurrencyTakesTheOriginalAmount() {
        ReceiptMatch m = matcher.match(doc("OPP-2026-00002", "USD", "7.1", "100.00"), null, crm);
        assertThat(m).isEqualTo(new ReceiptMatch.Matched(crm.get("OPP-2026-00002"), new BigDecimal("100.00")));
    }

    @Test
    void aLocalCurrencyOpportunityTakesTheLocalAmount() {
        // 100.00 x 7.1234 = 712.34
        ReceiptMatch m = matcher.match(doc("OPP-2026-00001", "USD", "7.1234", "100.00"), null, crm);
        assertThat(m).isEqualTo(new ReceiptMatch.Matched(crm.get("OPP-2026-00001"), new BigDecimal("712.34")));
    }

    @Test
    void anotherForeignCurrencyCannotBeConverted() {
        assertThat(reason(doc("OPP-2026-00002", "EUR", "7.8", "100.00"), null)).isEqualTo(UnmatchedReason.CURRENCY);
    }

    @Test
    void eachUnmatchedReason() {
        assertThat(reason(doc("货款", "CNY", "1", "1"), null)).isEqualTo(UnmatchedReason.NO_NUMBER);
        assertThat(reason(doc("OPP-2026-00001,OPP-2026-00002", "CNY", "1", "1"), null)).isEqualTo(UnmatchedReason.MULTIPLE_NUMBERS);
        assertThat(reason(doc("OPP-2026-09999", "CNY", "1", "1"), null)).isEqualTo(UnmatchedReason.UNKNOWN_OPPORTUNITY);
        assertThat(reason(doc("OPP-2026-00003", "CNY", "1", "1"), null)).isEqualTo(UnmatchedReason.OPPORTUNITY_CLOSED);
        ReceiptDocument broken = new ReceiptDocument("U8", "9", "SK9", null, null, "CNY", "CNY", null, null, null,
                "OPP-2026-00001", "1", true, "no lines: the document has no amount");
        assertThat(reason(broken, null)).isEqualTo(UnmatchedReason.INVALID_DOCUMENT);
    }

    @Test
    void financesAssignmentWinsOverTheMemo() {
        ReceiptMatch m = matcher.match(doc("货款", "CNY", "1", "50.00"), "OPP-2026-00001", crm);
        assertThat(m).isInstanceOf(ReceiptMatch.Matched.class);
    }

    private static ReceiptDocument paidBy(String customer, String memo) {
        return new ReceiptDocument("U8", "5", "SK5", LocalDate.of(2026, 10, 1), customer, "人民币", "CNY", BigDecimal.ONE,
                new BigDecimal("80.00"), new BigDecimal("80.00"), memo, "1", true, null);
    }

    @Test
    void anotherCustomersReceiptIsQueuedWithBothCodes() {
        ReceiptMatch m = matcher.match(paidBy("C2", "OPP-2026-00001"), null, crm);
        assertThat(m).isEqualTo(new ReceiptMatch.Unmatched(UnmatchedReason.CUSTOMER_MISMATCH,
                "paid by ERP customer C2, but opportunity OPP-2026-00001 belongs to the CRM customer with ERP code C1"));
        // Codes compare as the ERPs do: trimmed, ignoring case.
        assertThat(matcher.match(paidBy(" c1 ", "OPP-2026-00001"), null, crm)).isInstanceOf(ReceiptMatch.Matched.class);
        // The customer check comes before the stage: the closed opportunity is not even this customer's.
        assertThat(reason(paidBy("C2", "OPP-2026-00003"), null)).isEqualTo(UnmatchedReason.CUSTOMER_MISMATCH);
    }

    @Test
    void warnAppliesWithTheMismatchOffDoesNotCompareAndAMissingCodeCannotBeCompared() {
        ReceiptMatch warned = matcher.match(paidBy("C2", "OPP-2026-00001"), null, crm, CustomerCheck.WARN);
        assertThat(warned).isEqualTo(new ReceiptMatch.Matched(crm.get("OPP-2026-00001"), new BigDecimal("80.00"),
                UnmatchedReason.CUSTOMER_MISMATCH,
                "paid by ERP customer C2, but opportunity OPP-2026-00001 belongs to the CRM customer with ERP code C1"));
        assertThat(matcher.match(paidBy("C2", "OPP-2026-00001"), null, crm, CustomerCheck.OFF))
                .isEqualTo(new ReceiptMatch.Matched(crm.get("OPP-2026-00001"), new BigDecimal("80.00")));
        Opportunity noCode = new Opportunity(4, "OPP-2026-00004", "成交", "CNY", new BigDecimal("1000.00"), 1L, null);
        assertThat(matcher.match(paidBy("C2", "OPP-2026-00004"), null, Map.of("OPP-2026-00004", noCode)))
                .isInstanceOf(ReceiptMatch.Matched.class);
    }

    @Test
    void theCustomerMismatchSettingIsOneOfThree() {
        assertThat(CustomerCheck.parse(null)).isEqualTo(CustomerCheck.UNMATCHED);
        assertThat(CustomerCheck.parse(" Warn ")).isEqualTo(CustomerCheck.WARN);
        assertThat(CustomerCheck.parse("off")).isEqualTo(CustomerCheck.OFF);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CustomerCheck.parse("queue"))
                .hasMessage("customer-mismatch must be unmatched, warn or off, found 'queue'");
    }

    private UnmatchedReason reason(ReceiptDocument d, String assigned) {
        return ((ReceiptMatch.Unmatched) matcher.match(d, assigned, crm)).reason();
    }
}
