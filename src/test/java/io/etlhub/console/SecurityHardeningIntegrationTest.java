package io.etlhub.console;

import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.HubIntegrationTest;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's security points over real HTTP on loopback against the hub on MariaDB. Metrics export is
 * on (Spring Boot's tests turn it off by default), so /actuator/prometheus exists as in production.
 */
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
class SecurityHardeningIntegrationTest extends HubIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    LoginThrottle throttle;
    @Autowired
    RouteRunner runner;

    @TempDir
    Path dir;

    final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @AfterEach
    void forgetFailedLogins() {
        throttle.clear();
    }

    HttpResponse<String> send(String method, String path, String user, String password, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (body != null) b.header("Content-Type", "application/json");
        headers.forEach(b::header);
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> admin(String method, String path, String body) {
        return send(method, path, "admin", ADMIN_PASSWORD, body, Map.of("Cookie", "etlhub-lang=en"));
    }

    @Test
    void aRunStartedOverHttpNamesNoServerPathAndItsFileIsDownloaded() throws Exception {
        Path existing = Files.writeString(dir.resolve("exists.xlsx"), "x");
        Path target = dir.resolve("chosen.xlsx");
        for (String body : List.of("{\"period\":\"2026-10\",\"out\":\"" + target + "\"}", "{\"report\":\"x.xlsx\"}",
                "{\"period\":\"../../etc/passwd\"}", "{\"lang\":\"/tmp/x\"}")) {
            HttpResponse<String> refused = admin("POST", "/api/routes/reconcile/runs", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.body()).as(body).contains("output folder");
        }
        assertThat(target).doesNotExist();
        // the same answer whether the named file exists or not: nothing looked at it
        HttpResponse<String> there = admin("POST", "/api/routes/import-archive/runs", "{\"arg1\":\"" + existing + "\"}");
        HttpResponse<String> notThere = admin("POST", "/api/routes/import-archive/runs", "{\"arg1\":\"" + dir.resolve("none.xlsx") + "\"}");
        assertThat(there.statusCode()).isEqualTo(400);
        assertThat(there.body()).isEqualTo(notThere.body()).contains("\\\"arg1\\\"");
        HttpResponse<String> chinese = send("POST", "/api/routes/reconcile/runs", "admin", ADMIN_PASSWORD, "{\"out\":\"a.xlsx\"}",
                Map.of());
        assertThat(chinese.body()).contains("输出目录");

        HttpResponse<String> run = admin("POST", "/api/routes/reconcile/runs", "{\"period\":\"2026-10\"}");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        String download = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.body()).get("outputs").get("download").asText();
        assertThat(download).matches("/api/runs/\\d+/files/reconciliation-2026-10\\.xlsx");
        HttpResponse<byte[]> file = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + download))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
            assertThat(wb.getSheetName(0)).isEqualTo("汇总");
        }
        assertThat(admin("GET", download.replace("reconciliation", "other"), null).statusCode()).isEqualTo(404);
        assertThat(admin("GET", download.replaceAll("files/.*", "files/..%2F..%2Fhub.mv.db"), null).statusCode()).isIn(400, 404);
        assertThat(send("GET", download, "finance", FINANCE_PASSWORD, null, Map.of()).statusCode()).isEqualTo(403);

        // the CLI keeps --out for local use
        Path local = dir.resolve("local.xlsx");
        RunSummary cli = runner.run("reconcile", Trigger.CLI, "cli", Map.of("period", "2026-10", "out", local.toString()));
        assertThat(cli.outputs()).containsEntry("file", local.toAbsolutePath().toString());
        assertThat(local).exists();
    }

    @Test
    void repeatedFailedLoginsLockTheUserAndTheAddressWithoutRevealingThePassword() {
        Map<String, String> from = Map.of("X-Forwarded-For", "198.51.100.10", "Cookie", "etlhub-lang=en");
        for (int i = 0; i < 5; i++) {
            assertThat(send("GET", "/api/receipts/unmatched", "finance", "wrong-" + i, null, from).statusCode()).isEqualTo(401);
        }
        // locked: the right password is refused too, with a message and when to retry, from any address
        HttpResponse<String> locked = send("GET", "/api/receipts/unmatched", "finance", FINANCE_PASSWORD, null,
                Map.of("X-Forwarded-For", "198.51.100.11", "Cookie", "etlhub-lang=en"));
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(locked.body()).contains("Too many failed logins").contains("\"code\":\"security.login.locked\"");
        assertThat(send("GET", "/api/receipts/unmatched", "finance", "wrong", null, from).body()).isEqualTo(locked.body());
        // the form login is locked as well
        HttpResponse<String> form = send("POST", "/login?username=finance&password=" + FINANCE_PASSWORD, null, null, "",
                Map.of("X-Forwarded-For", "198.51.100.12", "Content-Type", "application/x-www-form-urlencoded"));
        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(form.headers().firstValue("Location").orElse("")).endsWith("/login?locked");
        // another user is not locked
        assertThat(send("GET", "/api/receipts/unmatched", "admin", ADMIN_PASSWORD, null, from).statusCode()).isEqualTo(200);

        List<String> audit = hub.queryForList("SELECT CONCAT(actor, ' ', action, ' ', target, ' ', after_value) FROM audit_log "
                + "WHERE action LIKE 'LOGIN%' ORDER BY id", String.class);
        assertThat(audit).first().isEqualTo("finance LOGIN_FAILED login basic from 198.51.100.10");
        assertThat(audit).filteredOn(a -> a.startsWith("finance LOGIN_FAILED")).hasSize(5);
        assertThat(audit).anyMatch(a -> a.startsWith("finance LOGIN_LOCKED user:finance until 20"));

        // an address guessing names is locked after 20 failures, whatever the names
        Map<String, String> guesser = Map.of("X-Forwarded-For", "203.0.113.50");
        for (int i = 0; i < 20; i++) send("GET", "/api/routes", "guess" + i, "pw", null, guesser);
        assertThat(send("GET", "/api/routes", "admin", ADMIN_PASSWORD, null, guesser).statusCode()).isEqualTo(429);
        assertThat(hub.queryForList("SELECT target FROM audit_log WHERE action = 'LOGIN_LOCKED'", String.class))
                .contains("user:finance", "address:203.0.113.50");
    }

    @Test
    void aFormLoginIsAuditedWithItsAddress() {
        ConsoleHttp http = new ConsoleHttp(port);
        http.formLogin("ops", OPS_PASSWORD);
        assertThat(hub.queryForList("SELECT CONCAT(actor, ' ', action, ' ', target) FROM audit_log WHERE action = 'LOGIN'", String.class))
                .containsExactly("ops LOGIN login form");
    }

    @Test
    void answersCarryCspAndReferrerPolicyAndTheSessionCookieIsSameSiteAndSecureOverHttps() {
        HttpResponse<String> page = send("GET", "/login", null, null, null, Map.of());
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("default-src 'self'").contains("object-src 'none'").contains("frame-ancestors 'none'")
                .contains("script-src 'self';").contains("style-src 'self';").doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(send("GET", "/api/routes", "admin", ADMIN_PASSWORD, null, Map.of()).headers().firstValue("Content-Security-Policy"))
                .isPresent();
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly").doesNotContainIgnoringCase("Secure;")
                .doesNotEndWith("Secure");

        // behind a TLS-terminating proxy on an internal address
        HttpResponse<String> https = send("GET", "/login", null, null, null, Map.of("X-Forwarded-Proto", "https"));
        String secure = https.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(secure).containsIgnoringCase("Secure").containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void anOversizedJsonBodyIsRefusedWith413AndAMessage() {
        String big = "{\"period\":\"2026-10\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
        HttpResponse<String> refused = send("POST", "/api/routes/reconcile/runs", "admin", ADMIN_PASSWORD, big, Map.of("Cookie", "etlhub-lang=en"));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("larger than 1 MB").contains("\"code\":\"security.body.too-large\"");
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'RUN'", Integer.class)).isZero();
        HttpResponse<String> zh = send("POST", "/api/receipts/unmatched/U8/1/dismiss", "finance", FINANCE_PASSWORD, big,
                Map.of());
        assertThat(zh.statusCode()).isEqualTo(413);
        assertThat(zh.body()).contains("请求内容超过 1 MB");
    }

    /** The console's run now refuses a path-like parameter as the API does: 400 with the same translated sentence. */
    @Test
    void theConsolesRunNowRefusesAServerPathWith400AsTheApiDoes() {
        ConsoleHttp console = new ConsoleHttp(port);
        console.formLogin("admin", ADMIN_PASSWORD);
        String token = ConsoleHttp.csrfToken(console.withSession("GET", "/console/routes", null).body());
        for (String language : List.of("zh_CN", "en")) {
            HttpResponse<String> page = console.withSession("POST",
                    "/console/routes/reconcile/run?period=..%2F..%2Fetc%2Fpasswd&lang=" + language, token);
            HttpResponse<String> api = send("POST", "/api/routes/reconcile/runs?lang=" + language, "admin", ADMIN_PASSWORD,
                    "{\"period\":\"../../etc/passwd\"}", Map.of());
            String expected = language.equals("en") ? "Parameter &quot;period&quot; names a file or folder on the server"
                    : "参数“period”指定了服务器上的文件或目录";
            assertThat(page.statusCode()).as(language).isEqualTo(400);
            assertThat(page.body()).as(language).contains(expected);
            assertThat(api.statusCode()).as(language).isEqualTo(400);
            assertThat(api.body()).as(language).contains(expected.replace("&quot;", "\\\""));
        }
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM route_run WHERE route_id = 'reconcile'", Integer.class)).isZero();
    }

    /** A chunked body declares no length: it is counted as it is read and refused with 413 past the limit. */
    @Test
    void aChunkedBodyWithoutLengthIsCountedAndRefusedPastTheLimit() throws IOException {
        String head = "POST /api/routes/reconcile/runs HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))
                + "\r\nContent-Type: application/json\r\nCookie: etlhub-lang=en\r\nTransfer-Encoding: chunked\r\n\r\n";
        List<String> chunks = new java.util.ArrayList<>(List.of("{\"period\":\"2026-10\",\"pad\":\""));
        for (int i = 0; i < 20; i++) chunks.add("x".repeat(64 * 1024)); // 1.25 MB in all, the limit is 1 MB
        chunks.add("\"}");

        String answer = raw(head, chunks);

        assertThat(answer).startsWith("HTTP/1.1 413").contains("larger than 1 MB");
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'RUN'", Integer.class)).isZero();
        // a chunked body under the limit is read as before (here: no such receipt, 404)
        String small = raw(head.replace("/api/routes/reconcile/runs", "/api/receipts/unmatched/U8/1/dismiss"),
                List.of("{\"note\":", "\"ok\"}"));
        assertThat(small).startsWith("HTTP/1.1 404");
    }

    /** An upload larger than spring.servlet.multipart.max-request-size is refused by its declared length, before it is read. */
    @Test
    void anUploadOverTheMultipartMaximumIsRefusedWith413AndAMessage() throws IOException {
        long over = org.springframework.util.unit.DataSize.ofMegabytes(200).toBytes() + 1;
        String head = "POST /api/archive/imports HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                + Base64.getEncoder().encodeToString(("ops:" + OPS_PASSWORD).getBytes(StandardCharsets.UTF_8))
                + "\r\nContent-Type: multipart/form-data; boundary=b0undary\r\nContent-Length: " + over + "\r\n\r\n";

        String answer = raw(head, null);

        assertThat(answer).startsWith("HTTP/1.1 413").contains("上传文件超过 200 MB");
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'ARCHIVE_IMPORT'", Integer.class)).isZero();
    }

    /**
     * A request written on a socket: its head, then its chunks in chunked encoding (none: only the start of a body);
     * the server may answer and close before all is sent. Returns what it answered.
     */
    private String raw(String head, List<String> chunks) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            var out = socket.getOutputStream();
            try {
                out.write(head.getBytes(StandardCharsets.UTF_8));
                if (chunks == null) {
                    out.write("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    for (String chunk : chunks) {
                        byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
                        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(bytes);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (java.net.SocketException answeredAndClosed) {
                // the refusal came before the rest of the body: read it below
            }
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            var in = socket.getInputStream();
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                    String sofar = answer.toString(StandardCharsets.UTF_8);
                    // one answer is enough: a connection kept open would block the read
                    int bodyAt = sofar.indexOf("\r\n\r\n");
                    if (bodyAt > 0 && (sofar.endsWith("}") || sofar.endsWith("0\r\n\r\n"))) break;
                }
            } catch (java.net.SocketException closed) {
                // reset after the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aMetricsUserReadsThePrometheusScrapeAndNothingElse() {
        hub.update("INSERT INTO console_user (username, password_hash, roles, enabled) VALUES ('prometheus', ?, 'METRICS', TRUE)",
                PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("scrape-pw"));
        HttpResponse<String> scrape = send("GET", "/actuator/prometheus", "prometheus", "scrape-pw", null, Map.of());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes");
        for (String path : List.of("/actuator/metrics", "/actuator/info", "/api/routes", "/api/receipts/unmatched", "/api/quality/reports",
                "/console/home", "/console/routes", "/")) {
            assertThat(send("GET", path, "prometheus", "scrape-pw", null, Map.of()).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(send("GET", "/actuator/prometheus", "finance", FINANCE_PASSWORD, null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/actuator/prometheus", "admin", ADMIN_PASSWORD, null, Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void opsAndFinanceGetNoSqlOrServerPathButAdminsDo() {
        String sqlError = "CrmWriteException: PreparedStatementCallback; bad SQL grammar [INSERT INTO crm_customer (name) VALUES (?)]";
        String pathError = "ArchiveFileException: /srv/etl-hub/data/archive/uploads/ab/客户.xlsx is not an Excel file";
        for (String error : List.of(sqlError, pathError)) {
            hub.update("INSERT INTO archive_import (file_name, sha256, kind, status, error, started_at) VALUES ('客户.xlsx', ?, 'customers', "
                    + "'FAILED', ?, CURRENT_TIMESTAMP)", "0".repeat(64), error);
        }
        String ops = send("GET", "/api/archive/imports", "ops", OPS_PASSWORD, null, Map.of("Cookie", "etlhub-lang=en")).body();
        assertThat(ops).doesNotContain("INSERT INTO").doesNotContain("/srv/etl-hub")
                .contains("The request failed on the server").contains("ArchiveFileException: 客户.xlsx is not an Excel file");
        String admin = send("GET", "/api/archive/imports", "admin", ADMIN_PASSWORD, null, Map.of()).body();
        assertThat(admin).contains("INSERT INTO crm_customer").contains("/srv/etl-hub/data/archive/uploads/ab/客户.xlsx");

        // an error answer of a finance endpoint goes through the same filter
        HttpResponse<String> missing = send("POST", "/api/receipts/unmatched/U8/404/dismiss", "finance", FINANCE_PASSWORD,
                "{\"note\":\"x\"}", Map.of());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("U8/404");
    }

    /**
     * A failed run's stored error (here an INSERT into a table that is gone) reaches ops as a sentence naming the run, in
     * the API's answer and on the data-health page's "run now"; admins read the cause; the run history keeps it.
     */
    @Test
    void aFailedRunsErrorReachesOpsAsASentenceWithItsRunAndAdminsWithItsCause() {
        hub.execute("RENAME TABLE quality_metric TO quality_metric_away");
        try {
            HttpResponse<String> ops = send("POST", "/api/quality/reports?month=2026-10", "ops", OPS_PASSWORD, null, Map.of());
            assertThat(ops.statusCode()).isEqualTo(500);
            long runId = lastHealthRun();
            assertThat(hub.queryForObject("SELECT error_message FROM route_run WHERE id = ?", String.class, runId))
                    .as("the run history keeps the cause").contains("quality_metric");
            assertThat(ops.body()).contains("\"error\":\"运行 " + runId + "（路由 health-report）失败").contains("运行编号 " + runId)
                    .doesNotContain("quality_metric").doesNotContainIgnoringCase("insert into");
            HttpResponse<String> english = send("POST", "/api/quality/reports?month=2026-10", "ops", OPS_PASSWORD, null,
                    Map.of("Accept-Language", "en"));
            assertThat(english.body()).contains("Run " + lastHealthRun() + " of route health-report failed").doesNotContain("quality_metric");
            HttpResponse<String> admin = send("POST", "/api/quality/reports?month=2026-10", "admin", ADMIN_PASSWORD, null, Map.of());
            assertThat(admin.statusCode()).isEqualTo(500);
            assertThat(admin.body()).contains("quality_metric");

            for (String user : List.of("ops", "admin")) {
                ConsoleHttp console = new ConsoleHttp(port);
                console.formLogin(user, user.equals("ops") ? OPS_PASSWORD : ADMIN_PASSWORD);
                String token = ConsoleHttp.csrfToken(console.withSession("GET", "/console/quality", null).body());
                HttpResponse<String> posted = console.withSession("POST", "/console/quality/run?month=2026-10", token);
                assertThat(posted.statusCode()).isEqualTo(302);
                String page = ConsolePagesTranslatedIntegrationTest.visibleText(console.page("/console/quality").body());
                long run = lastHealthRun();
                if (user.equals("ops")) {
                    assertThat(page).contains("运行 " + run + "（路由 health-report）失败").contains("运行编号 " + run)
                            .doesNotContain("quality_metric").doesNotContainIgnoringCase("insert into");
                } else {
                    assertThat(page).contains("运行 " + run + "（路由 health-report）失败：").contains("quality_metric");
                }
            }
        } finally {
            hub.execute("RENAME TABLE quality_metric_away TO quality_metric");
        }
    }

    private long lastHealthRun() {
        return hub.queryForObject("SELECT MAX(id) FROM route_run WHERE route_id = 'health-report'", Long.class);
    }
}
