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

    /** The hub's own bundles (messages, i18n/console), as application.yml names them. */
    static final org.springframework.context.support.ResourceBundleMessageSource BUNDLES = bundles();

    private static org.springframework.context.support.ResourceBundleMessageSource bundles() {
        org.springframework.context.support.ResourceBundleMessageSource messages = new org.springframework.context.support.ResourceBundleMessageSource();
        messages.setBasenames("messages", "i18n/console", "i18n/security");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    static ErrorTexts withBundles() {
        return new ErrorTexts(BUNDLES);
    }

    @Test
    void aFailedRunIsASentenceNamingTheRunForOpsAndItsErrorForAdmins() {
        ErrorTexts bundles = withBundles();
        RunSummary run = new RunSummary(42, "health-report", "FAILED", null, null, java.util.Map.of(),
                "PreparedStatementCallback; bad SQL grammar [INSERT INTO quality_metric (report_id) VALUES (?)]", java.util.Map.of());
        login("OPS");
        org.springframework.context.i18n.LocaleContextHolder.setLocale(Locale.ENGLISH);
        try {
            assertThat(bundles.runError(run)).isEqualTo(
                    "Run 42 of route health-report failed. The cause is kept in the run history: give the administrator run number 42.");
            assertThat(bundles.runFailure(run, Locale.SIMPLIFIED_CHINESE)).startsWith("运行 42（路由 health-report）失败。")
                    .doesNotContain("quality_metric");
            login("ADMIN");
            assertThat(bundles.runError(run)).isEqualTo(run.error());
            assertThat(bundles.runFailure(run, Locale.ENGLISH)).isEqualTo("Run 42 of route health-report failed: " + run.error());
        } finally {
            org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
        }
    }

    @Test
    void aBrokenFileIsExplainedWithItsLineAndItsProblemForAdminsOnly() {
        ErrorTexts bundles = withBundles();
        var broken = new io.etlhub.connector.ConfigFileException(java.nio.file.Path.of("/srv/etl-hub/routes/receipts-k3.yaml"), 12,
                "unknown option 'batchSise' of etlhub:receipts");
        login("ADMIN");
        ErrorTexts.Explained forAdmin = bundles.explain(broken, Locale.ENGLISH);
        assertThat(forAdmin.code()).isEqualTo("pipeline.error.configFile");
        assertThat(forAdmin.text()).isEqualTo("The file receipts-k3.yaml has an error (line 12) and cannot be used; nothing was changed.");
        assertThat(forAdmin.detail()).isEqualTo("/srv/etl-hub/routes/receipts-k3.yaml:12: unknown option 'batchSise' of etlhub:receipts");
        login("OPS");
        ErrorTexts.Explained forOps = bundles.explain(broken, Locale.SIMPLIFIED_CHINESE);
        assertThat(forOps.text()).isEqualTo("文件 receipts-k3.yaml 有错误（第 12 行），无法使用，未做任何更改。");
        assertThat(forOps.detail()).isNull();
        // a failure that is neither a refusal nor a broken file: a general sentence, its message for admins only
        assertThat(bundles.explain(new IllegalStateException("disk full: /srv/etl-hub/data"), Locale.ENGLISH).detail()).isNull();
        login("ADMIN");
        assertThat(bundles.explain(new IllegalStateException("disk full: /srv/etl-hub/data"), Locale.ENGLISH).withDetail(BUNDLES, Locale.ENGLISH))
                .isEqualTo("The action could not be completed; the failure is written to the hub log. "
                        + "Cause (shown to administrators only): disk full: /srv/etl-hub/data");
        // a refusal is its own sentence and key
        assertThat(bundles.explain(new UnknownRouteException("x", java.util.Set.of()), Locale.ENGLISH))
                .isEqualTo(new ErrorTexts.Explained("pipeline.refused.unknownRoute", "There is no route \"x\" in routes/.", null));
    }
}
