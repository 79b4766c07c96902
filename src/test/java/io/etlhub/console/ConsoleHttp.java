package io.etlhub.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small HTTP client for the tests: Basic calls, or a browser-like session with its cookie and CSRF token. */
public final class ConsoleHttp {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private String cookie;

    public ConsoleHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    HttpResponse<String> basic(String method, String path, String user, String password) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, body(method));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return send(b.header("Content-Type", "application/json").build());
    }

    /** Logs in through the form like a browser; keeps the session cookie. */
    public void formLogin(String user, String password) {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build());
        remember(page);
        String token = csrfToken(page.body());
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password + "&_csrf=" + token)).build());
        remember(login);
        if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("form login failed: " + login.statusCode() + " " + login.headers().map());
        }
    }

    public HttpResponse<String> withSession(String method, String path, String csrfToken) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, body(method)).header("Cookie", cookie);
        if (csrfToken != null) b.header("X-CSRF-TOKEN", csrfToken);
        return send(b.build());
    }

    /** A page as a browser asks for it (Accept: text/html), with the session cookie. */
    public HttpResponse<String> page(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().header("Cookie", cookie)
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build());
    }

    public static String csrfToken(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) throw new IllegalStateException("no CSRF token in the page");
        return m.group(1);
    }

    private void remember(HttpResponse<String> response) {
        response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
    }

    private static HttpRequest.BodyPublisher body(String method) {
        return "GET".equals(method) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
