package io.etlhub.console;

import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database error no handler expects (here: the hub store's receipt_ledger is gone) is the translated error page with
 * a reference that is also in the log line; finance sees neither SQL nor the table, an admin sees the one-line cause.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnexpectedErrorsIntegrationTest extends HubIntegrationTest {
    private static final Pattern REFERENCE = Pattern.compile("参考编号：([0-9A-F]{8})");

    @LocalServerPort
    int port;

    @Test
    void aFailingQueryIsATranslatedPageWithAReferenceAndNoSqlForFinance(CapturedOutput log) {
        ConsoleHttp finance = new ConsoleHttp(port);
        finance.formLogin("finance", FINANCE_PASSWORD);
        ConsoleHttp admin = new ConsoleHttp(port);
        admin.formLogin("admin", ADMIN_PASSWORD);
        hub.execute("RENAME TABLE receipt_ledger TO receipt_ledger_away");
        try {
            HttpResponse<String> page = finance.page("/console/receipts?lang=zh_CN");
            assertThat(page.statusCode()).isEqualTo(500);
            String text = ConsolePagesTranslatedIntegrationTest.visibleText(page.body());
            assertThat(text).contains("系统处理请求时出错").doesNotContain("receipt_ledger").doesNotContainIgnoringCase("select")
                    .doesNotContain("SQL").doesNotContain("原因");
            Matcher reference = REFERENCE.matcher(text);
            assertThat(reference.find()).as(text).isTrue();
            assertThat(log.getOut()).contains("GET /console/receipts failed [reference " + reference.group(1) + "]")
                    .contains("receipt_ledger");
            assertThat(ConsolePagesTranslatedIntegrationTest.untranslated("finance 500", page.body(), "zh_CN")).isEmpty();

            HttpResponse<String> english = finance.page("/console/receipts?lang=en");
            assertThat(english.statusCode()).isEqualTo(500);
            assertThat(english.body()).contains("The hub failed to answer this request").containsPattern("Reference [0-9A-F]{8}");

            HttpResponse<String> forAdmin = admin.page("/console/receipts?lang=zh_CN");
            assertThat(forAdmin.statusCode()).isEqualTo(500);
            assertThat(ConsolePagesTranslatedIntegrationTest.visibleText(forAdmin.body()))
                    .containsPattern("参考编号：[0-9A-F]{8}").contains("原因（仅管理员可见）：table receipt_ledger is missing")
                    .doesNotContainIgnoringCase("select");

            HttpResponse<String> api = finance.withSession("GET", "/api/receipts/unmatched?lang=en", null);
            assertThat(api.statusCode()).isEqualTo(500);
            assertThat(api.body()).containsPattern("\"reference\":\"[0-9A-F]{8}\"").contains("The hub failed to answer")
                    .doesNotContain("receipt_ledger").doesNotContain("detail");
        } finally {
            hub.execute("RENAME TABLE receipt_ledger_away TO receipt_ledger");
        }
    }
}
