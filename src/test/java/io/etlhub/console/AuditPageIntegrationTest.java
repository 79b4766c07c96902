package io.etlhub.console;

import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit page filters by user, action and dates in the database and pages the result. */
class AuditPageIntegrationTest extends HubIntegrationTest {
    @LocalServerPort
    int port;

    @Test
    void filtersByUserActionAndDatesAndPages() {
        // 60 stops by alice on 2026-10-01..2026-10-30 (two a day), 20 runs by bob, 5 stops by bob
        for (int i = 0; i < 60; i++) insert("alice", "STOP", LocalDateTime.of(2026, 10, 1 + i / 2, 9, i % 2 * 30));
        for (int i = 0; i < 20; i++) insert("bob", "RUN", LocalDateTime.of(2026, 10, 5, 10, i));
        for (int i = 0; i < 5; i++) insert("bob", "STOP", LocalDateTime.of(2026, 10, 6, 10, i));
        ConsoleHttp admin = new ConsoleHttp(port);
        admin.formLogin("admin", ADMIN_PASSWORD);

        // alice's stops from 10-11 to 10-30 inclusive: 40 entries; page 2 of 25 holds the 26th to 40th
        String page = admin.page("/console/audit?actor=alice&action=STOP&from=2026-10-11&to=2026-10-30&page=2&lang=en").body();
        assertThat(rows(page)).isEqualTo(15);
        assertThat(page).contains("26–40 of 40").doesNotContain(">bob<");
        // the page links keep the filters
        assertThat(page).contains("?actor=alice&amp;action=STOP&amp;from=2026-10-11&amp;to=2026-10-30&amp;page=1");

        String stops = admin.page("/console/audit?action=STOP&lang=zh_CN").body();
        assertThat(stops).contains("第 1–25 条，共 65 条");
        assertThat(rows(admin.page("/console/audit?actor=bob&from=2026-10-06&lang=en").body())).isEqualTo(5);

        HttpResponse<String> reversed = admin.page("/console/audit?from=2026-10-30&to=2026-10-01&lang=en");
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.body()).contains("The end date 2026-10-01 is before the start date 2026-10-30.");
    }

    private void insert(String actor, String action, LocalDateTime at) {
        hub.update("INSERT INTO audit_log (actor, action, target, before_value, after_value, created_at) VALUES (?, ?, 'route r', NULL, NULL, ?)",
                actor, action, Timestamp.valueOf(at));
    }

    private static int rows(String html) {
        Matcher m = Pattern.compile("class=\"audit-action\"").matcher(html);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
