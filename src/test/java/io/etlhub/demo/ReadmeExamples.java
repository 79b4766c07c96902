package io.etlhub.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands of README.md's {@code ```sh} blocks, in order: continuation lines joined, trailing
 * {@code # comments} dropped, split into words as a POSIX shell would for these simple lines (single
 * and double quotes). Examples that need something else (a real database) belong in other blocks.
 */
final class ReadmeExamples {
    record Command(int line, String text, List<String> words) {
        String word(int i) { return i < words.size() ? words.get(i) : null; }
    }

    private ReadmeExamples() {}

    static List<Command> read(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        List<Command> commands = new ArrayList<>();
        boolean inBlock = false;
        StringBuilder pending = null;
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                inBlock = !inBlock && line.trim().equals("```sh");
                continue;
            }
            if (!inBlock || (pending == null && line.isBlank())) continue;
            if (pending == null) {
                pending = new StringBuilder();
                start = i + 1;
            }
            String withoutComment = stripComment(line);
            if (withoutComment.endsWith("\\")) {
                pending.append(withoutComment, 0, withoutComment.length() - 1).append(' ');
                continue;
            }
            pending.append(withoutComment);
            String text = pending.toString().trim();
            if (!text.isEmpty()) commands.add(new Command(start, text, words(text)));
            pending = null;
        }
        return commands;
    }

    /** The line without an unquoted " # comment". */
    static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i).stripTrailing();
            }
        }
        return line.stripTrailing();
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) quote = 0; else word.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                if (word == null) word = new StringBuilder();
            } else if (Character.isWhitespace(c)) {
                if (word != null) words.add(word.toString());
                word = null;
            } else {
                if (word == null) word = new StringBuilder();
                word.append(c);
            }
        }
        if (quote != 0) throw new IllegalArgumentException("unclosed quote in README command: " + text);
        if (word != null) words.add(word.toString());
        return words;
    }
}
