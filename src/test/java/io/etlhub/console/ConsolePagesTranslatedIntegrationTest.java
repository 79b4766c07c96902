package io.etlhub.console;

import io.etlhub.demo.CrmWriter;
import io.etlhub.demo.DemoData;
import io.etlhub.demo.K3ReceiptWriter;
import io.etlhub.demo.U8ReceiptWriter;
import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every console page of each role, rendered in Chinese and in English after the hub has runs, a failed
 * run, a dead letter and audit entries: no key missing in the bundles (Thymeleaf's ??key??), no raw
 * key, no raw state or enum name (RUN, APPLIED, READING...), no literal null; each role's side
 * navigation has only its links; bad input and unknown records get a translated 4xx page, never a
 * 500 or Whitelabel.
 */
class ConsolePagesTranslatedIntegrationTest extends HubIntegrationTest {
    static final List<String> LANGUAGES = List.of("zh_CN", "en");
    static final Map<String, List<String>> PAGES = Map.of(
            "admin", List.of("/console/home", "/console", "/console/routes", "/console/routes/check", "/console/runs",
                    "/console/runs?status=FAILED", "/console/dead-letters", "/console/dead-letters?state=ALL", "/console/audit",
                    "/console/audit?action=STOP", "/console/lapse", "/console/receipts", "/console/reconciliation", "/console/quality", "/console/archive",
                    "/console/customers", "/console/customers?q=c0", "/console/customers/C00001"),
            "finance", List.of("/console/home", "/console/receipts", "/console/reconciliation", "/console/reconciliation?period=2026-10",
                    "/console/reconciliation/differences?period=2026-10&all=true",
                    "/console/reconciliation/customer?period=2026-10&customer=C00001",
                    "/console/opportunities/OPP-2026-00001?period=2026-10", "/console/customers", "/console/customers/C00001"),
            "ops", List.of("/console/home", "/console/quality", "/console/archive", "/console/customers?q=zzz", "/console/lapse"));
    /** Pages whose texts name database tables, columns and privileges (the run check's diagnosis). */
    static final Set<String> SHOWS_DATABASE_NAMES = Set.of("/console/routes/check");
    static final Map<String, Set<String>> NAVIGATION = Map.of(
            "admin", Set.of("nav-start", "nav-customers", "nav-dashboard", "nav-routes", "nav-runs", "nav-dead-letters", "nav-audit",
                    "nav-lapse", "nav-receipts", "nav-reconciliation", "nav-quality", "nav-archive"),
            "finance", Set.of("nav-start", "nav-customers", "nav-receipts", "nav-reconciliation"),
            "ops", Set.of("nav-start", "nav-customers", "nav-quality", "nav-archive", "nav-lapse"));
    static final Map<String, String> PASSWORDS = Map.of("admin", ADMIN_PASSWORD, "finance", FINANCE_PASSWORD, "ops", OPS_PASSWORD);

    /** Words in capitals that are names, not untranslated states: systems, currencies, file types. */
    static final Set<String> ALLOWED_CAPITALS = Set.of("ERP", "CRM", "CNY", "USD", "EUR", "HKD", "XLS", "XLSX", "CDC", "API",
            "URL", "MES", "POS", "JSON", "CSV", "SQL", "UTC",
            "NBD"); // the BG/NBD model's name in the lapse-fit route's description
    private static final Pattern RAW_KEY = Pattern.compile(
            "\\b(console|quality|receipts|reconciliation|archive|notifications|check|security|cv)\\.[a-zA-Z-]+(\\.[\\w-]+)*\\b");
    private static final Pattern CAPITAL_WORD = Pattern.compile("(?<![\\w-])[A-Z][A-Z_]{2,}(?![\\w-])");
    /** Three English words in a row, each standing alone (not part of a file name, command or URL). */
    private static final Pattern ENGLISH_PHRASE = Pattern.compile("(?<![\\w./-])[a-zA-Z]{2,}(?:[ ,]+[a-z]{2,}){2,}(?![\\w./-])");
    private static final Pattern NAV_LINK = Pattern.compile("id=\"(nav-[a-z-]+)\"");

    @LocalServerPort
    int port;

    @Test
    void everyPageOfEveryRoleIsTranslatedInBothLanguages() {
        makeHistory();
        List<String> problems = new ArrayList<>();
        for (var role : PAGES.entrySet()) {
            ConsoleHttp http = new ConsoleHttp(port);
            http.formLogin(role.getKey(), PASSWORDS.get(role.getKey()));
            for (String language : LANGUAGES) {
                for (String path : role.getValue()) {
                    String url = path + (path.contains("?") ? "&" : "?") + "lang=" + language;
                    HttpResponse<String> page = http.page(url);
                    String where = role.getKey() + " " + url;
                    if (page.statusCode() != 200) {
                        problems.add(where + ": HTTP " + page.statusCode());
                        continue;
                    }
                    problems.addAll(untranslated(where, page.body(), language, SHOWS_DATABASE_NAMES.contains(path)));
                    // the page says its language (screen readers, hyphenation, the browser's own controls where it heeds it)
                    String lang = language.startsWith("zh") ? "zh-CN" : "en";
                    if (!Pattern.compile("<html[^>]*\\slang=\"" + lang + "\"").matcher(page.body()).find()) {
                        problems.add(where + ": <html> without lang=\"" + lang + "\"");
                    }
                    Set<String> links = navigation(page.body());
                    if (!links.equals(NAVIGATION.get(role.getKey()))) problems.add(where + ": navigation " + links);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void badInputAndUnknownRecordsGetATranslatedPageNotA500() {
        ConsoleHttp admin = new ConsoleHttp(port);
        admin.formLogin("admin", ADMIN_PASSWORD);
        record Case(String path, int status, String zh, String en) {}
        List<Case> cases = List.of(
                new Case("/console/runs/999999", 404, "没有编号为 999999 的运行记录", "There is no run 999999"),
                new Case("/console/runs/abc", 400, "参数 runId 的值“abc”无效", "The value 'abc' of parameter runId is not valid"),
                new Case("/console/dead-letters?state=gone", 400, "不是可选值之一", "is not one of the choices"),
                new Case("/console/audit?from=2026-13-01", 400, "参数 from", "parameter from"),
                new Case("/console/runs?page=x", 400, "参数 page", "parameter page"),
                new Case("/console/no-such-page", 404, "找不到该页面", "No such page"),
                // refused before ?lang= is read (no handler, no interceptor): in the remembered language, here the default
                new Case("/console/routes/reload", 405, "该页面不支持此操作", "该页面不支持此操作"));
        List<String> problems = new ArrayList<>();
        for (Case c : cases) {
            for (String language : LANGUAGES) {
                String url = c.path() + (c.path().contains("?") ? "&" : "?") + "lang=" + language;
                HttpResponse<String> page = admin.page(url);
                String expected = language.equals("en") ? c.en() : c.zh();
                if (page.statusCode() != c.status()) problems.add(url + ": HTTP " + page.statusCode() + " instead of " + c.status());
                if (!page.body().replace("&#39;", "'").contains(expected)) problems.add(url + ": no '" + expected + "'");
                if (page.body().contains("Whitelabel")) problems.add(url + ": Whitelabel page");
                problems.addAll(untranslated(url, page.body(), language));
            }
        }
        // A bad month on finance's page is refused with a message, not a 500.
        HttpResponse<String> badMonth = admin.page("/console/reconciliation?period=2026-13&lang=zh_CN");
        if (badMonth.statusCode() < 400 || badMonth.statusCode() >= 500) problems.add("period=2026-13: HTTP " + badMonth.statusCode());
        if (!badMonth.body().contains("2026-13")) problems.add("period=2026-13: the answer does not name the bad month");

        ConsoleHttp finance = new ConsoleHttp(port);
        finance.formLogin("finance", FINANCE_PASSWORD);
        for (String language : LANGUAGES) {
            HttpResponse<String> refused = finance.page("/console/routes?lang=" + language);
            if (refused.statusCode() != 403) problems.add("finance routes: HTTP " + refused.statusCode());
            String expected = language.equals("en") ? "Your role may not open this page" : "您的角色无权访问此页面";
            if (refused.body().contains("Forbidden")) problems.add("finance routes " + language + ": Spring's reason phrase shown");
            if (!refused.body().contains(expected)) problems.add("finance routes " + language + ": no '" + expected + "' in " + visibleText(refused.body()));
            if (!navigation(refused.body()).equals(NAVIGATION.get("finance"))) problems.add("finance 403: navigation " + navigation(refused.body()));
        }
        // The API answers in JSON with the same sentences.
        HttpResponse<String> api = admin.withSession("GET", "/api/runs?limit=abc&lang=en", null);
        if (api.statusCode() != 400 || !api.body().contains("\"error\"")) problems.add("api: " + api.statusCode() + " " + api.body());
        assertThat(problems).isEmpty();
    }

    /** The demo's CRM and ERP data; runs (one succeeded, one failed with a dead letter), a stopped and started route: the audit log has entries. */
    private void makeHistory() {
        new DemoData(14, 60).writeTo(new CrmWriter(crmDb()), new U8ReceiptWriter(u8Db()), new K3ReceiptWriter(k3Db()));
        ConsoleHttp admin = new ConsoleHttp(port);
        admin.formLogin("admin", ADMIN_PASSWORD);
        String token = ConsoleHttp.csrfToken(admin.withSession("GET", "/console/routes", null).body());
        assertThat(admin.withSession("POST", "/console/routes/receipts-u8/run", token).statusCode()).isEqualTo(302);
        // a run that fails (no file to import) and leaves a dead letter; reconcile without a period is now refused
        // before it runs (400, FinancePagesIntegrationTest), so it makes no failed run any more
        assertThat(admin.withSession("POST", "/console/routes/import-archive/run", token).statusCode()).isEqualTo(302);
        assertThat(admin.withSession("POST", "/console/routes/reconcile/run?period=2026-10", token).statusCode()).isEqualTo(302);
        assertThat(admin.withSession("POST", "/console/routes/receipts-k3/stop", token).statusCode()).isEqualTo(302);
        assertThat(admin.withSession("POST", "/console/routes/receipts-k3/start", token).statusCode()).isEqualTo(302);
        assertThat(admin.withSession("POST", "/console/quality/run?month=2026-10", token).statusCode()).isEqualTo(302);
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM route_run", Integer.class)).isGreaterThanOrEqualTo(3);
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM audit_log", Integer.class)).isGreaterThanOrEqualTo(4);
    }

    static List<String> untranslated(String where, String html, String language) {
        return untranslated(where, html, language, false);
    }

    /** databaseNames: the page names tables and privileges (T_AR_RECEIVABLE, SELECT): capitals are not states there. */
    static List<String> untranslated(String where, String html, String language, boolean databaseNames) {
        List<String> problems = new ArrayList<>();
        if (html.contains("??")) problems.add(where + ": missing key " + around(html, html.indexOf("??")));
        String text = visibleText(html);
        Matcher key = RAW_KEY.matcher(text);
        while (key.find()) problems.add(where + ": raw key " + key.group());
        Matcher capitals = CAPITAL_WORD.matcher(text);
        Set<String> raw = new LinkedHashSet<>();
        while (capitals.find()) if (!ALLOWED_CAPITALS.contains(capitals.group())) raw.add(capitals.group());
        if (!raw.isEmpty() && !databaseNames) problems.add(where + ": raw names " + raw + " in " + around(text, text.indexOf(raw.iterator().next())));
        if (Pattern.compile("\\bnull\\b").matcher(text).find()) problems.add(where + ": 'null' in " + around(text, text.indexOf("null")));
        String english = language.startsWith("zh") ? englishPhrase(text) : null;
        if (english != null) problems.add(where + ": English '" + english + "' in " + around(text, text.indexOf(english)));
        return problems;
    }

    /** The first English phrase in a text meant to be Chinese, or null. */
    static String englishPhrase(String text) {
        Matcher m = ENGLISH_PHRASE.matcher(text);
        return m.find() ? m.group() : null;
    }

    /**
     * What a reader sees: no scripts, styles or tags; attribute values (placeholder, title) are kept.
     * Cells marked verbatim (recorded values: audit before/after, errors, payloads) are shown as stored.
     */
    static String visibleText(String html) {
        String s = html.replaceAll("(?s)<script.*?</script>", " ").replaceAll("(?s)<style.*?</style>", " ")
                .replaceAll("(?s)<td[^>]*\\bverbatim\\b[^>]*>.*?</td>", " ")
                .replaceAll("(?s)<!--.*?-->", " ");
        StringBuilder shown = new StringBuilder();
        Matcher titles = Pattern.compile("(?:placeholder|title)=\"([^\"]*)\"").matcher(s);
        while (titles.find()) shown.append(' ').append(titles.group(1));
        return s.replaceAll("(?s)<[^>]*>", " ").replace("&nbsp;", " ").replaceAll("\\s+", " ") + shown;
    }

    static Set<String> navigation(String html) {
        String nav = html.contains("id=\"nav\"") ? html.substring(html.indexOf("id=\"nav\""), html.indexOf("</nav>", html.indexOf("id=\"nav\""))) : "";
        Set<String> links = new java.util.TreeSet<>();
        Matcher m = NAV_LINK.matcher(nav);
        while (m.find()) links.add(m.group(1));
        links.remove("nav-home");
        return links;
    }

    private static String around(String s, int at) {
        return at < 0 ? "" : s.substring(Math.max(0, at - 60), Math.min(s.length(), at + 60));
    }
}
