package io.etlhub.pipeline;

import io.etlhub.connector.ConfigFileException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Changes one value of a route file in place, line by line, so the admin's comments and layout stay
 * as they were: the first {@code key:} at any depth (the route's autoStartup, the Quartz cron). A
 * missing key is added after the route's {@code id:} at its indentation. The new text is validated
 * as a whole before it replaces the file.
 */
@Component
class RouteFileEditor {
    private static final Pattern TRAILING_COMMENT = Pattern.compile("^([^#\"']*?|[^#]*?\"[^\"]*\"[^#]*?)(\\s+#.*)?$");

    private final RouteCatalog catalog;

    RouteFileEditor(RouteCatalog catalog) {
        this.catalog = catalog;
    }

    /** Writes {@code key: value} (value already YAML-quoted as needed); returns the old value text, null when absent. */
    synchronized String set(Path file, String key, String yamlValue) {
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigFileException(file, 0, "cannot read: " + e.getMessage());
        }
        String old = null;
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String indent = line.substring(0, line.length() - line.stripLeading().length());
            if (line.stripLeading().startsWith(key + ":")) {
                String rest = line.substring(indent.length() + key.length() + 1);
                Matcher m = TRAILING_COMMENT.matcher(rest);
                String comment = m.matches() && m.group(2) != null ? m.group(2) : "";
                old = (m.matches() ? m.group(1) : rest).trim();
                lines.set(i, indent + key + ": " + yamlValue + comment);
                found = true;
                break;
            }
        }
        if (!found) {
            int at = -1;
            for (int i = 0; i < lines.size() && at < 0; i++) if (lines.get(i).stripLeading().startsWith("id:")) at = i;
            if (at < 0) throw new ConfigFileException(file, 0, "no route id: to add '" + key + "' after");
            String idLine = lines.get(at);
            lines.add(at + 1, idLine.substring(0, idLine.length() - idLine.stripLeading().length()) + key + ": " + yamlValue);
        }
        Path candidate = file.resolveSibling("." + file.getFileName() + ".new");
        try {
            Files.write(candidate, lines, StandardCharsets.UTF_8);
            // Validated under the real name's id: parse the candidate, then compare ids by file name.
            validateCandidate(file, candidate);
            Files.move(candidate, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConfigFileException(file, 0, "cannot write: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(candidate);
            } catch (IOException ignored) {
                // best effort: a leftover hidden .new file is ignored by the catalog (it lists *.yaml/*.yml)
            }
        }
        return old;
    }

    private void validateCandidate(Path file, Path candidate) throws IOException {
        Path check = Files.createTempDirectory("route-check").resolve(file.getFileName());
        try {
            Files.copy(candidate, check);
            catalog.parse(check);
        } catch (ConfigFileException e) {
            throw new ConfigFileException(file, e.line(), e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        } finally {
            Files.deleteIfExists(check);
            Files.deleteIfExists(check.getParent());
        }
    }
}
