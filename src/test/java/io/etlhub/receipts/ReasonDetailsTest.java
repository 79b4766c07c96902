package io.etlhub.receipts;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** A reason's detail is stored in English and shown in the reader's language; other texts are shown as stored. */
class ReasonDetailsTest {
    private final ReasonDetails details = new ReasonDetails(messages());

    @Test
    void aStoredCustomerMismatchReadsInChineseAndInEnglish() {
        String stored = ReasonDetails.english("CUSTOMER_MISMATCH", "C2", "OPP-2026-00001", "C1");

        assertThat(stored).isEqualTo("paid by ERP customer C2, but opportunity OPP-2026-00001 belongs to the CRM customer with ERP code C1");
        assertThat(details.text("CUSTOMER_MISMATCH", stored, Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("由 ERP 客户 C2 付款，但商机 OPP-2026-00001 属于 ERP 编码为 C1 的 CRM 客户");
        assertThat(details.text("CUSTOMER_MISMATCH", stored, Locale.ENGLISH)).isEqualTo(stored);
    }

    @Test
    void aMemoWithAnyTextAndACurrencySentenceWithAQuoteReadBack() {
        assertThat(details.text("NO_NUMBER", ReasonDetails.english("NO_NUMBER", "货款, 见合同: OPP?"), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("摘要中没有商机号：货款, 见合同: OPP?");
        String currency = ReasonDetails.english("CURRENCY", "EUR", "USD");
        assertThat(currency).isEqualTo("receipt in EUR cannot be converted to the opportunity's USD");
        assertThat(details.text("CURRENCY", currency, Locale.SIMPLIFIED_CHINESE)).isEqualTo("收款币种 EUR 无法换算为商机的币种 USD");
    }

    @Test
    void aDocumentTheHubCannotReadHasOneSentencePerProblem() {
        assertThat(details.text("INVALID_DOCUMENT", "line 2 of document SK000021: amount is empty", Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("单据 SK000021 第 2 行：金额为空");
        assertThat(details.text("INVALID_DOCUMENT", "document id 23: the document has no lines", Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("单据 id 23：没有明细行");
        String iso = ReasonDetails.english("INVALID_DOCUMENT.no-iso-code", "SKD4", "PRE008", "mappings/k3-receipts.yml");
        assertThat(iso).isEqualTo("document SKD4: currency 'PRE008' has no ISO code: add it to currency-codes in mappings/k3-receipts.yml");
        assertThat(details.text("INVALID_DOCUMENT", iso, Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("单据 SKD4：币种“PRE008”没有 ISO 代码，请在 mappings/k3-receipts.yml 的 currency-codes 中添加");
    }

    @Test
    void aDetailOfAnotherShapeIsShownAsStored() {
        assertThat(details.text("INVALID_DOCUMENT", "SK1: amount is empty", Locale.SIMPLIFIED_CHINESE)).isEqualTo("SK1: amount is empty");
        assertThat(details.text("CUSTOMER_MISMATCH", "typed by hand", Locale.SIMPLIFIED_CHINESE)).isEqualTo("typed by hand");
        assertThat(details.text(null, "a note", Locale.SIMPLIFIED_CHINESE)).isEqualTo("a note");
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource m = new ResourceBundleMessageSource();
        m.setBasenames("messages");
        m.setDefaultEncoding("UTF-8");
        m.setFallbackToSystemLocale(false);
        return m;
    }
}
