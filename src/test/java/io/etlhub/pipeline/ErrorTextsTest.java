package io.etlhub.pipeline;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** What finance and ops see of an error: no SQL, no server path; admins see it whole. */
class ErrorTextsTest {
    final ErrorTexts texts = texts();

    static ErrorTexts texts() {
        StaticMessageSource messages = new StaticMessageSource();
        messages.addMessage("security.error.hidden", Locale.getDefault(), "hidden");
        messages.addMessage("security.error.hidden", Locale.SIMPLIFIED_CHINESE, "hidden");
        return new ErrorTexts(messages);
    }

    @AfterEach
    void logout() {
        SecurityContextHolder.clearContext();
    }

    static void login(String... roles) {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("u", "p",
                AuthorityUtils.createAuthorityList(java.util.Arrays.stream(roles).map(r -> "ROLE_" + r).toArray(String[]::new))));
    }

    @Test
    void sqlTextIsReplacedAndPathsShowTheirFileNameOnly() {
        login("OPS");
        String sql = "PreparedStatementCallback; bad SQL grammar [SELECT id, name FROM crm_customer WHERE id = ?]";
        assertThat(texts.forCaller(sql)).isEqualTo("hidden");
        assertThat(texts.forCaller("(conn=42) Table 'it_crm.crm_customer' doesn't exist")).isEqualTo("hidden");
        assertThat(texts.forCaller("report written to /srv/etl-hub/data/archive/uploads/ab12/客户-report.xlsx"))
                .isEqualTo("report written to 客户-report.xlsx");
        assertThat(texts.forCaller("file C:\\etl\\data\\x.xlsx is missing")).isEqualTo("file x.xlsx is missing");
        assertThat(texts.forCaller("no receipt document U8/11 in the ledger")).isEqualTo("no receipt document U8/11 in the ledger");
        assertThat(texts.forCaller("see http://host/api/quality/reports/1/xlsx")).isEqualTo("see http://host/api/quality/reports/1/xlsx");
    }

    @Test
    void adminsGetTheDetails() {
        login("ADMIN", "FINANCE", "OPS");
        String sql = "bad SQL grammar [SELECT 1 FROM dual] in /srv/etl-hub/routes/x.yaml";
        assertThat(texts.forCaller(sql)).isEqualTo(sql);
        login("FINANCE");
        assertThat(texts.forCurrentCaller().apply(sql)).isEqualTo("hidden");
    }
}
