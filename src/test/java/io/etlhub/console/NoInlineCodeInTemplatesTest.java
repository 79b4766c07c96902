package io.etlhub.console;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Content-Security-Policy has no 'unsafe-inline' (docs/security.md), so no template may carry code or styles inline:
 * no script without src, no style element or attribute, no on* handler, no javascript: link.
 */
class NoInlineCodeInTemplatesTest {
    private static final Pattern INLINE = Pattern.compile(
            "<script(?![^>]*\\bth:src=)(?![^>]*\\bsrc=)[^>]*>|<style\\b|\\s(?:th:)?style=|\\s(?:th:)?on[a-z]+=|javascript:",
            Pattern.CASE_INSENSITIVE);

    @Test
    void templatesHaveNoInlineScriptStyleOrHandler() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = INLINE.matcher(Files.readString(file));
                while (m.find()) found.add(file + ": " + m.group().strip());
            }
        }
        assertThat(found).isEmpty();
    }
}
