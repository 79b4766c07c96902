package io.etlhub.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the line of a key in a config file, so a semantic error (not a YAML one) still says where. */
final class RouteFileLines {
    private final List<String> lines;

    private RouteFileLines(List<String> lines) {
        this.lines = lines;
    }

    static RouteFileLines of(Path file) {
        try {
            return new RouteFileLines(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new RouteFileLines(List.of());
        }
    }

    static RouteFileLines of(String text) {
        return new RouteFileLines(text.lines().toList());
    }

    /** 1-based line of {@code key} at the top level, or of {@code child} under it; 0 when absent. */
    int lineOf(String key, String... child) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(key + ":")) {
                if (child.length == 0) return i + 1;
                for (int j = i + 1; j < lines.size() && (lines.get(j).isBlank() || Character.isWhitespace(lines.get(j).charAt(0))); j++) {
                    if (lines.get(j).trim().startsWith(child[0] + ":")) return j + 1;
                }
                return i + 1;
            }
        }
        return 0;
    }

    /** 1-based line of the first {@code key:} at any depth; 0 when absent. */
    int lineOfAnyKey(String key) {
        return lineOfAnyKey(key, 0);
    }

    /**
     * 1-based line of the first {@code key:} (or {@code key=} in a URI) at or after line {@code from};
     * {@code from} itself when there is none (the key is then part of the line that starts there).
     */
    int lineOfAnyKey(String key, int from) {
        for (int i = Math.max(from - 1, 0); i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (t.startsWith("#")) continue;
            if (t.startsWith(key + ":") || t.startsWith("- " + key + ":") || t.matches(".*[?&]" + java.util.regex.Pattern.quote(key) + "=.*")) return i + 1;
        }
        return from;
    }
}
